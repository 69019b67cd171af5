import { AppError, defineErrorCodes } from '@course/platform/errors';
import type { Logger } from '@course/platform/logging';
import { Router } from 'express';
import type { BookRepository } from './book.repository';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    BOOK_NOT_FOUND: true;
  }
}
defineErrorCodes({ BOOK_NOT_FOUND: { status: 404, title: 'Book not found' } });

/** The read side of the Bookstore: enough of an API to deploy, measure and shut down under load. */
export function bookRouter(books: BookRepository, logger: Logger): Router {
  const router = Router();
  router.get('/books', async (_req, res) => {
    res.json({ items: await books.list(50) });
  });
  router.get('/books/:id', async (req, res) => {
    const id = /^[1-9]\d{0,8}$/.test(req.params.id) ? Number(req.params.id) : undefined;
    // User input goes into a field of its own: the JSON format escapes a newline in it, so it cannot forge a line.
    if (id === undefined) logger.info('book id is not a number', { id: req.params.id });
    const book = id === undefined ? undefined : await books.find(id);
    if (!book) throw new AppError({ code: 'BOOK_NOT_FOUND', message: `No book has id ${req.params.id}.` });
    res.json(book);
  });
  return router;
}
