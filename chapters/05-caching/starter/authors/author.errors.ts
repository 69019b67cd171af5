import { AppError, defineErrorCodes } from '@course/platform/errors';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    AUTHOR_NOT_FOUND: true;
    AUTHOR_HAS_BOOKS: true;
  }
}
defineErrorCodes({
  AUTHOR_NOT_FOUND: { status: 404, title: 'Author not found' },
  AUTHOR_HAS_BOOKS: { status: 409, title: 'Author still has books' },
});

export function authorNotFound(id: string): AppError {
  return new AppError({ code: 'AUTHOR_NOT_FOUND', message: `No author has id ${id}.` });
}

/** books.author_id is ON DELETE RESTRICT: the database refuses to delete an author who still has books. */
export function authorHasBooks(id: string, cause: unknown): AppError {
  return new AppError({
    code: 'AUTHOR_HAS_BOOKS',
    message: `Author ${id} still has books; delete or move them first.`,
    cause,
  });
}
