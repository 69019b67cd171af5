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
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { PROBLEM_JSON, type ProblemDetails } from '@course/platform/errors';
import { type Page, type PageQuery, toPage } from '@course/platform/lists';
import { API_BASE } from '../http/paths';
import type { ReviewService } from './review.service';
import type { Review, ReviewInput } from './review.types';

@Route('books/{bookId}/reviews')
@Tags('Reviews')
export class ReviewController extends Controller {
  constructor(private readonly reviews: ReviewService) {
    super();
  }

  /** Lists a book's reviews, newest first. */
  @Get()
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

  /** Reviews a book and updates its reviewCount and averageRating in the same transaction. */
  @Post()
  @SuccessResponse<{ Location: string }>(201, 'Created')
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Book not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(409, 'The reviewer has already reviewed this book', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async createReview(@Path() bookId: string, @Body() body: ReviewInput): Promise<Review> {
    const review = await this.reviews.add(bookId, body);
    this.setHeader('Location', `${API_BASE}/books/${bookId}/reviews/${review.id}`);
    return review;
  }

  @Get('{reviewId}')
  @Response<ProblemDetails>(404, 'Review not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async getReview(@Path() bookId: string, @Path() reviewId: string): Promise<Review> {
    return this.reviews.get(bookId, reviewId);
  }
}
