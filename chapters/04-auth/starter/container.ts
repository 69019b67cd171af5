import type { Logger } from '@course/platform/logging';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { Authenticator } from './auth/authenticator';
import { PrismaLoginCounterRepository } from './auth/login-counter.repository';
import { LoginThrottle } from './auth/login-throttle';
import { PrismaRefreshTokenRepository } from './auth/refresh-token.repository';
import { RefreshTokenService } from './auth/refresh-token.service';
import { AuthorController } from './authors/author.controller';
import { PrismaAuthorRepository } from './authors/author.prisma-repository';
import { AuthorService } from './authors/author.service';
import { BookController } from './books/book.controller';
import { PrismaBookRepository } from './books/book.prisma-repository';
import { BookService } from './books/book.service';
import type { Config } from './config';
import type { PrismaClient } from './generated/prisma/client';
import { ReviewController } from './reviews/review.controller';
import { PrismaReviewRepository } from './reviews/review.prisma-repository';
import { ReviewService } from './reviews/review.service';
import { UserController } from './users/user.controller';
import { PrismaUserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

export interface Services {
  authors: AuthorService;
  books: BookService;
  reviews: ReviewService;
  auth: AuthService;
  users: UserService;
  authenticator: Authenticator;
}

/** Parts that tests may replace: a throttle that admits every attempt lets the tests of 4.1 to 4.6 log in. */
export interface ServiceOverrides {
  loginThrottle?: Pick<LoginThrottle, 'reserve' | 'succeeded'>;
}

/** Wires every service to its repositories: the one place that knows which implementation goes where. */
export function createServices(
  prisma: PrismaClient,
  config: Config,
  logger: Logger,
  overrides: ServiceOverrides = {},
): Services {
  const users = new PrismaUserRepository(prisma);
  const refreshTokens = new RefreshTokenService(
    new PrismaRefreshTokenRepository(prisma),
    config.tokens.refreshTtlSeconds,
    logger,
  );
  const throttle =
    overrides.loginThrottle ?? new LoginThrottle(new PrismaLoginCounterRepository(prisma), config.loginThrottle);
  return {
    authors: new AuthorService(new PrismaAuthorRepository(prisma)),
    books: new BookService(new PrismaBookRepository(prisma), logger),
    reviews: new ReviewService(new PrismaReviewRepository(prisma)),
    auth: new AuthService(users, refreshTokens, throttle, { bcryptCost: config.bcryptCost, tokens: config.tokens }),
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
  if (controller === ReviewController) return new ReviewController(services.reviews);
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
