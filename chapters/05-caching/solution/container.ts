import type { Logger } from '@course/platform/logging';
import type { Redis } from 'ioredis';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { Authenticator } from './auth/authenticator';
import { redisLoginThrottle, type LoginThrottle } from './auth/login-throttle';
import { RedisLoginThrottle } from './auth/redis-login-throttle';
import { PrismaRefreshTokenRepository } from './auth/refresh-token.repository';
import { RefreshTokenService } from './auth/refresh-token.service';
import { AuthorController } from './authors/author.controller';
import { PrismaAuthorRepository } from './authors/author.prisma-repository';
import { AuthorService } from './authors/author.service';
import { BookController } from './books/book.controller';
import { CachedBookRepository } from './books/cached-book.repository';
import { PrismaBookRepository } from './books/book.prisma-repository';
import type { BookRepository } from './books/book.repository';
import { BookService } from './books/book.service';
import { CacheAside } from './cache/cache-aside';
import { RedisCache } from './cache/redis-cache';
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

/** Parts that tests and the benchmark may replace, such as a throttle that admits every attempt. */
export interface ServiceOverrides {
  loginThrottle?: LoginThrottle;
  /** Chapter 4's book repository, which the cache wraps; the benchmark counts and slows its reads. */
  bookRepository?: BookRepository;
  /** false: the services read books straight from the repository, past the cache (the benchmark's baseline). */
  cacheBooks?: boolean;
}

/** Wires every service to its repositories: the one place that knows which implementation goes where. */
export function createServices(
  prisma: PrismaClient,
  redis: Redis,
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
    overrides.loginThrottle ?? redisLoginThrottle(new RedisLoginThrottle({ redis, ...config.loginThrottle }));
  // Chapter 4's repository, unchanged, inside this chapter's cache: reads go through Redis, writes invalidate.
  const cache = new CacheAside({
    cache: new RedisCache({ redis, timeoutMs: config.cache.timeoutMs, logger }),
    ttlMs: config.cache.bookTtlMs,
    logger,
  });
  const bookRepository = overrides.bookRepository ?? new PrismaBookRepository(prisma);
  const books =
    overrides.cacheBooks === false
      ? bookRepository
      : new CachedBookRepository(bookRepository, cache, {
          bookMs: config.cache.bookTtlMs,
          notFoundMs: config.cache.notFoundTtlMs,
          listMs: config.cache.listTtlMs,
        });
  return {
    authors: new AuthorService(new PrismaAuthorRepository(prisma)),
    books: new BookService(books, logger),
    reviews: new ReviewService(new PrismaReviewRepository(prisma)),
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
