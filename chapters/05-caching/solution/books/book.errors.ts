import { AppError, defineErrorCodes, validationError } from '@course/platform/errors';
import type { ConstraintViolation } from '../database';

// The codes that book operations answer with, added to the library's typed registry (declaration merging) and
// registered at run time, so that `new AppError({ code: 'BOOK_NOT_FOUND' })` typechecks and has a status.
declare module '@course/platform/errors' {
  interface ErrorCodes {
    BOOK_NOT_FOUND: true;
    BOOK_ISBN_TAKEN: true;
  }
}
defineErrorCodes({
  BOOK_NOT_FOUND: { status: 404, title: 'Book not found' },
  BOOK_ISBN_TAKEN: { status: 409, title: 'ISBN already taken' },
});

export function bookNotFound(id: string): AppError {
  return new AppError({ code: 'BOOK_NOT_FOUND', message: `No book has id ${id}.` });
}

/**
 * What a broken unique index or foreign key means for a book write, or undefined if it is not one of the book's
 * constraints. Both book repositories use it, so that SQL and Prisma answer alike.
 */
export function bookConstraintError(
  violation: ConstraintViolation | undefined,
  { isbn, authorId }: { isbn?: string; authorId?: string },
): AppError | undefined {
  switch (violation?.constraint) {
    case 'books_isbn_key':
      return new AppError({ code: 'BOOK_ISBN_TAKEN', message: `Another book already has ISBN ${isbn}.` });
    case 'books_author_id_fkey':
      // The request is well-formed but refers to nothing: a 422, as in chapter 2.
      return validationError('body.authorId', `no author has id ${authorId}`);
    default:
      return undefined;
  }
}
