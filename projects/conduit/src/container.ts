import type { Logger } from '@course/platform/logging';
import type { Redis } from 'ioredis';
import { publicReadCache, UNCACHED, type PublicReads } from './cache/public-reads';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Application, Request } from 'express';
import { ArticleController } from './articles/article.controller';
import { PrismaArticleRepository } from './articles/article.repository';
import { ArticleService } from './articles/article.service';
import { jwtIssuer } from './auth/access-token';
import { passwordHasher } from '@course/platform/auth';
import type { PasswordHasher, TokenIssuer } from './auth/auth.types';
import { CommentController } from './comments/comment.controller';
import { PrismaCommentRepository } from './comments/comment.repository';
import { CommentService } from './comments/comment.service';
import type { Config } from './config';
import type { PrismaClient } from './database/prisma';
import { ProfileController } from './profiles/profile.controller';
import { PrismaProfileRepository } from './profiles/profile.repository';
import { ProfileService } from './profiles/profile.service';
import { TagController } from './tags/tag.controller';
import { PrismaTagRepository } from './tags/tag.repository';
import { TagService } from './tags/tag.service';
import { UserController } from './users/user.controller';
import { PrismaUserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

export interface Services {
  users: UserService;
  profiles: ProfileService;
  articles: ArticleService;
  comments: CommentService;
  tags: TagService;
  /** Anonymous reads, cached by the controllers that serve them. */
  publicReads: PublicReads;
  tokens: TokenIssuer;
  passwords: PasswordHasher;
}

/** Wires every service to its repositories: the one place that knows which implementation goes where. */
export function createServices(
  prisma: PrismaClient,
  config: Pick<Config, 'bcryptCost' | 'tokens' | 'cache'>,
  redis: Redis,
  logger: Logger,
): Services {
  const tokens = jwtIssuer(config.tokens);
  const passwords = passwordHasher({ cost: config.bcryptCost });
  const publicReads =
    config.cache.publicTtlMs > 0
      ? publicReadCache({ redis, ttlMs: config.cache.publicTtlMs, timeoutMs: config.cache.timeoutMs, logger })
      : UNCACHED;
  const articles = new ArticleService(new PrismaArticleRepository(prisma), publicReads);
  return {
    users: new UserService(new PrismaUserRepository(prisma), passwords, tokens, publicReads),
    profiles: new ProfileService(new PrismaProfileRepository(prisma)),
    articles,
    comments: new CommentService(new PrismaCommentRepository(prisma), articles),
    tags: new TagService(new PrismaTagRepository(prisma)),
    publicReads,
    tokens,
    passwords,
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
  if (controller === UserController) return new UserController(services.users);
  if (controller === ProfileController) return new ProfileController(services.profiles);
  if (controller === ArticleController) return new ArticleController(services.articles, services.publicReads);
  if (controller === CommentController) return new CommentController(services.comments);
  if (controller === TagController) return new TagController(services.tags, services.publicReads);
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
