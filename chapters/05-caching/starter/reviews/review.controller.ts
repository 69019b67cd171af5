import { PROBLEM_JSON, type ProblemDetails } from '@course/platform/errors';
import { toPage, type Page, type PageQuery } from '@course/platform/lists';
import {
  Body,
  Controller,
  Get,
  Path,
  Post,
  Queries,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { currentUser } from '../auth/current-user';
import { API_BASE } from '../http/paths';
import type { ReviewService } from './review.service';
import type { Review } from './review.types';

/** A review as a user sends it: who writes it is not theirs to say, it is whoever the access token names. */
export interface ReviewBody {
  /**
   * From 1 (poor) to 5 (excellent).
   * @isInt
   * @minimum 1
   * @maximum 5
   * @example 5
   */
  rating: number;
  /** @maxLength 5000 */
  body?: string;
}

@Route('books/{bookId}/reviews')
@Tags('Reviews')
export class ReviewController extends Controller {
  constructor(private readonly reviews: ReviewService) {
    super();
  }

  /** Lists a book's reviews, newest first. */
  @Get()
  @Security('bearer', ['books:read'])
  @Response<ProblemDetails>(400, 'Bad request: a malformed path', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:read', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Book not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async listReviews(
    @Path() bookId: string,
    @Request() request: ExpressRequest,
    @Queries() query: PageQuery,
  ): Promise<Page<Review>> {
    return toPage(await this.reviews.list(bookId, query), request);
  }

  /**
   * Reviews a book as the user behind the access token (the review's `reviewer` is their user id), and updates
   * the book's reviewCount and averageRating in the same transaction. One review per user and book.
   */
  @Post()
  @SuccessResponse<{ Location: string }>(201, 'Created')
  @Security('bearer', ['reviews:write'])
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission reviews:write', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Book not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(409, 'You have already reviewed this book', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async createReview(
    @Request() request: ExpressRequest,
    @Path() bookId: string,
    @Body() body: ReviewBody,
  ): Promise<Review> {
    // Never a reviewer from the body: a user could then review in anyone's name.
    const review = await this.reviews.add(bookId, { ...body, reviewer: currentUser(request).id });
    this.setHeader('Location', `${API_BASE}/books/${bookId}/reviews/${review.id}`);
    return review;
  }

  @Get('{reviewId}')
  @Security('bearer', ['books:read'])
  @Response<ProblemDetails>(400, 'Bad request: a malformed path', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:read', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Review not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async getReview(@Path() bookId: string, @Path() reviewId: string): Promise<Review> {
    return this.reviews.get(bookId, reviewId);
  }
}
