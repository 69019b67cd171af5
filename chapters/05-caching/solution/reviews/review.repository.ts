import type { Slice } from '@course/platform/lists';
import type { Review, ReviewInput } from './review.types';

export interface ReviewListOptions {
  limit: number;
  offset: number;
}

/** Where reviews are stored. Adding a review also updates its book's rating, in the same transaction. */
export interface ReviewRepository {
  /**
   * Adds a review and counts it in its book's rating; undefined when no book has `bookId`. Throws
   * REVIEW_EXISTS when the reviewer has already reviewed the book.
   */
  add(bookId: string, input: ReviewInput): Promise<Review | undefined>;
  findById(bookId: string, reviewId: string): Promise<Review | undefined>;
  /** The book's reviews, newest first; undefined when no book has `bookId`. */
  list(bookId: string, options: ReviewListOptions): Promise<Slice<Review> | undefined>;
}
