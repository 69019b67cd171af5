import { AppError, defineErrorCodes } from '@course/platform/errors';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    REVIEW_NOT_FOUND: true;
    REVIEW_EXISTS: true;
  }
}
defineErrorCodes({
  REVIEW_NOT_FOUND: { status: 404, title: 'Review not found' },
  REVIEW_EXISTS: { status: 409, title: 'Already reviewed' },
});

export function reviewNotFound(bookId: string, reviewId: string): AppError {
  return new AppError({ code: 'REVIEW_NOT_FOUND', message: `Book ${bookId} has no review ${reviewId}.` });
}

/** reviews_book_id_reviewer_key: one review per reviewer and book. */
export function reviewExists(bookId: string, reviewer: string, cause: unknown): AppError {
  return new AppError({
    code: 'REVIEW_EXISTS',
    message: `${reviewer} has already reviewed book ${bookId}.`,
    cause,
  });
}
