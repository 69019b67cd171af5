import express, { type Express } from 'express';
import type { Logger } from 'winston';
import { InMemoryAuthorRepository, type AuthorRepository } from './authors/author.repository';
import { AuthorService } from './authors/author.service';
import { InMemoryBookRepository, type BookRepository } from './books/book.repository';
import { BookService } from './books/book.service';
import { loadConfig, type Config } from './config';
import { provideServices } from './container';
import { errorHandler } from './errors/error.middleware';
import openapi from './generated/openapi.json';
import { RegisterRoutes } from './generated/routes';
import { docsRouter } from './http/docs.router';
import { jsonBody } from './http/json-body.middleware';
import { documentedOnly, notFound } from './http/not-found.middleware';
import { API_BASE } from './http/paths';
import { accessLog } from './logging/access-log.middleware';
import { createLogger } from './logging/logger';
import { requestId } from './logging/request-id.middleware';

export interface Repositories {
  authors: AuthorRepository;
  books: BookRepository;
}

export interface AppOptions {
  /** Fresh in-memory repositories by default. */
  repositories?: Repositories;
  /** A console logger at the configured level by default. */
  logger?: Logger;
  /** Read from the environment by default. */
  config?: Config;
}

/** Builds the Bookstore API without listening, so that tests can send requests to it without a socket. */
export function createApp({ repositories, logger, config }: AppOptions = {}): Express {
  const { authors, books } = repositories ?? {
    authors: new InMemoryAuthorRepository(),
    books: new InMemoryBookRepository(),
  };
  const log = logger ?? createLogger({ level: (config ?? loadConfig(process.env)).logLevel });

  const app = express();
  app.disable('x-powered-by');
  provideServices(app, {
    authors: new AuthorService(authors, books),
    books: new BookService(books, authors),
  });

  app.use(requestId());
  app.use(accessLog(log));
  app.use(docsRouter(openapi));

  const api = express.Router();
  api.use(documentedOnly(openapi));
  api.use(jsonBody());
  RegisterRoutes(api);
  app.use(API_BASE, api);

  app.use(notFound());
  app.use(errorHandler(log));
  return app;
}
