import { buildApp } from '@course/platform/http';
import type { Logger } from '@course/platform/logging';
import type { Express } from 'express';
import { PrismaAuthorRepository } from './authors/author.prisma-repository';
import type { AuthorRepository } from './authors/author.repository';
import { AuthorService } from './authors/author.service';
import { PrismaBookRepository } from './books/book.prisma-repository';
import type { BookRepository } from './books/book.repository';
import { BookService } from './books/book.service';
import { provideServices } from './container';
import type { Database } from './database';
import openapi from './generated/openapi.json';
import type { PrismaClient } from './generated/prisma/client';
import { RegisterRoutes } from './generated/routes';
import { API_BASE, PROBLEM_TYPE_BASE } from './http/paths';
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

/**
 * Builds the Bookstore API without listening, so that tests can send requests to it without a socket. The HTTP
 * pipeline (request ids, access log, docs, JSON bodies, 404/405, problem details) is chapter 2's, from the library.
 */
export function createApp({ database, logger, repositories }: AppOptions): Express {
  const { authors, books, reviews } = { ...prismaRepositories(database.prisma), ...repositories };
  return buildApp({
    logger,
    openapi,
    basePath: API_BASE,
    problemTypeBase: PROBLEM_TYPE_BASE,
    configure: (app) =>
      provideServices(app, {
        authors: new AuthorService(authors),
        books: new BookService(books, logger),
        reviews: new ReviewService(reviews),
      }),
    registerRoutes: RegisterRoutes,
  });
}
