import { DEFAULT_LIMIT, type PageQuery, type Slice } from '@course/platform/lists';
import { bookNotFound } from '../books/book.errors';
import { isUuid } from '../database';
import { reviewNotFound } from './review.errors';
import type { ReviewRepository } from './review.repository';
import type { Review, ReviewInput } from './review.types';

export class ReviewService {
  constructor(private readonly reviews: ReviewRepository) {}

  async add(bookId: string, input: ReviewInput): Promise<Review> {
    const review = isUuid(bookId) ? await this.reviews.add(bookId, input) : undefined;
    if (!review) throw bookNotFound(bookId);
    return review;
  }

  async get(bookId: string, reviewId: string): Promise<Review> {
    const review =
      isUuid(bookId) && isUuid(reviewId) ? await this.reviews.findById(bookId, reviewId) : undefined;
    if (!review) {
      throw reviewNotFound(bookId, reviewId);
    }
    return review;
  }

  async list(bookId: string, { limit = DEFAULT_LIMIT, offset = 0 }: PageQuery): Promise<Slice<Review>> {
    const reviews = isUuid(bookId) ? await this.reviews.list(bookId, { limit, offset }) : undefined;
    if (!reviews) throw bookNotFound(bookId);
    return reviews;
  }
}
