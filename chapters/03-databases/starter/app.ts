import express, { type Express } from 'express';
import type { Logger } from 'winston';
import type { PrismaClient } from './generated/prisma/client';
import { PrismaAuthorRepository } from './authors/author.prisma-repository';
import type { AuthorRepository } from './authors/author.repository';
import { AuthorService } from './authors/author.service';
import { PrismaBookRepository } from './books/book.prisma-repository';
import type { BookRepository } from './books/book.repository';
import { BookService } from './books/book.service';
import { provideServices } from './container';
import type { Database } from './database/database';
import { errorHandler } from './errors/error.middleware';
import openapi from './generated/openapi.json';
import { RegisterRoutes } from './generated/routes';
import { docsRouter } from './http/docs.router';
import { jsonBody } from './http/json-body.middleware';
import { notFound } from './http/not-found.middleware';
import { API_BASE } from './http/paths';
import { accessLog } from './logging/access-log.middleware';
import { requestId } from './logging/request-id.middleware';
import { PrismaReviewRepository } from './reviews/review.prisma-repository';
import type { ReviewRepository } from './reviews/review.repository';
import { ReviewService } from './reviews/review.service';

export interface Repositories {
  authors: AuthorRepository;
  books: BookRepository;
  reviews: ReviewRepository;
}

function prismaRepositories(prisma: PrismaClient): Repositories {
  return {
    authors: new PrismaAuthorRepository(prisma),
    books: new PrismaBookRepository(prisma),
    reviews: new PrismaReviewRepository(prisma),
  };
}

export interface AppOptions {
  database: Database;
  logger: Logger;
  /** Replaces some of the Prisma repositories, for example with the SQL book repository. */
  repositories?: Partial<Repositories>;
}

/** Builds the Bookstore API without listening, so that tests can send requests to it without a socket. */
export function createApp({ database, logger, repositories }: AppOptions): Express {
  const { authors, books, reviews } = { ...prismaRepositories(database.prisma), ...repositories };

  const app = express();
  app.disable('x-powered-by');
  provideServices(app, {
    authors: new AuthorService(authors),
    books: new BookService(books),
    reviews: new ReviewService(reviews),
  });

  app.use(requestId());
  app.use(accessLog(logger));
  app.use(docsRouter(openapi));

  const api = express.Router();
  api.use(jsonBody());
  RegisterRoutes(api);
  app.use(API_BASE, api);

  app.use(notFound(openapi, API_BASE));
  app.use(errorHandler(logger));
  return app;
}
