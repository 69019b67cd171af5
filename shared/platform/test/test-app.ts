import { setTimeout as sleep } from 'node:timers/promises';
import { memoryLogger } from '@course/test-harness/logs';
import { ValidateError } from '@tsoa/runtime';
import type { Express, Router } from 'express';
import { AppError, defineErrorCodes } from '../src/errors';
import { buildApp, type BuildAppOptions, type OpenApiDocument } from '../src/http';
import { createLogger, type Logger } from '../src/logging';

declare module '../src/errors/error-codes' {
  interface ErrorCodes {
    BOOK_NOT_FOUND: true;
  }
}
defineErrorCodes({ BOOK_NOT_FOUND: { status: 404, title: 'Book not found' } });

export const API = '/api/v1';
export const TYPE_BASE = 'https://bookstore.example/problems/';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The document of the test API: what documentedOnly() reads to answer 404 and 405. */
export const openapi: OpenApiDocument = {
  openapi: '3.0.0',
  info: { title: 'Test API', version: '1.0.0' },
  paths: {
    '/books': { get: {}, post: {} },
    '/books/{bookId}': { get: {}, delete: {} },
  },
};

/** A repository that logs with the plain logger, knowing nothing of requests, after waiting on I/O. */
class BookRepository {
  constructor(private readonly logger: Logger) {}

  async find(id: string): Promise<{ id: string }> {
    await sleep(5);
    this.logger.info('repository read', { bookId: id });
    return { id };
  }
}

/** Routes that behave like generated ones: plain async handlers that throw what real code throws. */
export function testRoutes(logger: Logger, failure?: () => unknown): (router: Router) => void {
  const books = new BookRepository(logger);
  return (router) => {
    router.get('/books', (req, res) => {
      res.json({ q: req.query.q ?? null });
    });
    router.post('/books', async (req, res) => {
      if (failure) throw failure();
      await sleep(2);
      logger.info('service saw a body', { fields: Object.keys(req.body as object) });
      res.status(201).json(await books.find('new'));
    });
    router.get('/books/:bookId', async (req, res) => {
      if (failure) throw failure();
      if (req.params.bookId === 'missing') throw new AppError({ code: 'BOOK_NOT_FOUND' });
      res.json(await books.find(req.params.bookId));
    });
    router.delete('/books/:bookId', (_req, res) => {
      res.status(204).end();
    });
  };
}

export function validateError(): ValidateError {
  return new ValidateError({ 'body.isbn': { message: 'invalid ISBN', value: 'secret-value' } }, '');
}

/** The test API on buildApp(), with an in-memory log. `failure` makes POST and GET by id throw what it returns. */
export function makeApp(options: { failure?: () => unknown } & Partial<BuildAppOptions> = {}): {
  app: Express;
  logs: ReturnType<typeof memoryLogger>['logs'];
} {
  const { logger, logs } = memoryLogger(createLogger);
  const app = buildApp({
    logger,
    openapi,
    basePath: API,
    problemTypeBase: TYPE_BASE,
    registerRoutes: testRoutes(logger, options.failure),
    ...options,
  });
  return { app, logs };
}
