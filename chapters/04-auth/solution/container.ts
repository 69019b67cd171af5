import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import type { Logger } from 'winston';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { Authenticator } from './auth/authenticator';
import { PrismaLoginAttemptRepository } from './auth/login-attempt.repository';
import { LoginThrottle } from './auth/login-throttle';
import { PrismaRefreshTokenRepository } from './auth/refresh-token.repository';
import { RefreshTokenService } from './auth/refresh-token.service';
import { AuthorController } from './authors/author.controller';
import { PrismaAuthorRepository } from './authors/author.repository';
import { AuthorService } from './authors/author.service';
import { BookController } from './books/book.controller';
import { PrismaBookRepository } from './books/book.repository';
import { BookService } from './books/book.service';
import type { Config } from './config';
import type { PrismaClient } from './db/prisma';
import { UserController } from './users/user.controller';
import { PrismaUserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

export interface Services {
  authors: AuthorService;
  books: BookService;
  auth: AuthService;
  users: UserService;
  authenticator: Authenticator;
}

/** Wires every service to its repositories: the one place that knows which implementation goes where. */
export function createServices(prisma: PrismaClient, config: Config, logger: Logger): Services {
  const authors = new PrismaAuthorRepository(prisma);
  const books = new PrismaBookRepository(prisma);
  const users = new PrismaUserRepository(prisma);
  const refreshTokens = new RefreshTokenService(
    new PrismaRefreshTokenRepository(prisma),
    config.tokens.refreshTtlSeconds,
    logger,
  );
  const throttle = new LoginThrottle(new PrismaLoginAttemptRepository(prisma), config.loginThrottle);
  return {
    authors: new AuthorService(authors, books),
    books: new BookService(books, authors),
    auth: new AuthService(users, refreshTokens, throttle, {
      bcryptCost: config.bcryptCost,
      tokens: config.tokens,
    }),
    users: new UserService(users),
    authenticator: new Authenticator(users, config.tokens),
  };
}

const servicesByApp = new WeakMap<Application, Services>();

/** Makes `services` the ones that this app's controllers work with. */
export function provideServices(app: Application, services: Services): void {
  servicesByApp.set(app, services);
}

export function servicesOf(app: Application): Services {
  const services = servicesByApp.get(app);
  if (!services) throw new Error('provideServices() was not called for this app');
  return services;
}

function controllerFor(controller: unknown, services: Services): object {
  if (controller === AuthorController) return new AuthorController(services.authors);
  if (controller === BookController) return new BookController(services.books);
  if (controller === AuthController) return new AuthController(services.auth);
  if (controller === UserController) return new UserController(services.users);
  throw new Error(`no controller factory for ${String(controller)}`);
}

/**
 * tsoa's generated routes call this on every request (the `iocModule` in scripts/generate.ts). Each request gets
 * new controllers, because a tsoa controller keeps the response status and headers of one request.
 */
export const iocContainer: IocContainerFactory<Request> = (request) => {
  const services = servicesOf(request.app);
  return { get: (controller: unknown) => controllerFor(controller, services) } as IocContainer;
};
