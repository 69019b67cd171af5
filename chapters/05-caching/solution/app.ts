import { errorHandler } from '@course/platform/errors';
import { docsRouter, documentedOnly, jsonBody, notFound } from '@course/platform/http';
import { accessLog, requestContext, type Logger } from '@course/platform/logging';
import express, { type Express } from 'express';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import { createServices, provideServices, servicesOf, type ServiceOverrides } from './container';
import type { Database } from './database';
import openapi from './generated/openapi.json';
import type { PrismaClient } from './generated/prisma/client';
import { RegisterRoutes } from './generated/routes';
import { API_BASE, PROBLEM_TYPE_BASE } from './http/paths';
import { httpCache } from './http/http-cache.middleware';
import { corsPolicy, securityHeaders } from './http/security.middleware';
import { clientKey } from './rate-limit/client-key';
import { FixedWindowLimiter } from './rate-limit/fixed-window.limiter';
import { rateLimit } from './rate-limit/rate-limit.middleware';

export interface AppOptions {
  /** Validated configuration; there is no default, because the signing secret must come from outside. */
  config: Config;
  /** The caller connects it and closes it. */
  database: Database<PrismaClient>;
  /** The cache's and the limiters' Redis (createRedisClient); the caller connects it and closes it. */
  redis: Redis;
  logger: Logger;
  /** Replaces some of the services' parts, as tests do; the app never needs it. */
  overrides?: ServiceOverrides;
}

/**
 * Builds the Bookstore API without listening, so that tests can send requests to it without a socket: chapter 4's
 * app, with this chapter's rate limit in front of every API route (before the body is even parsed, so a client over
 * its quota costs little) and HTTP caching on every GET.
 */
export function createApp({ config, database, redis, logger, overrides }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // The chapter's httpCache() computes the ETags; Express's own would hide how.
  app.set('etag', false);
  // Behind N proxies that we run, req.ip is the address that the outermost one saw (X-Forwarded-For).
  app.set('trust proxy', config.trustProxyHops);
  provideServices(app, createServices(database.prisma, redis, config, logger, overrides));

  app.use(requestContext());
  app.use(accessLog(logger));
  app.use(securityHeaders({ production: config.nodeEnv === 'production' }));
  app.use(corsPolicy(config.corsOrigins));
  app.use(docsRouter(openapi));

  const api = express.Router();
  api.use(
    rateLimit({
      limiter: new FixedWindowLimiter({
        redis,
        prefix: 'ratelimit:api',
        limit: config.rateLimit.limit,
        windowMs: config.rateLimit.windowSeconds * 1000,
      }),
      policy: 'api',
      keyOf: clientKey((req) => servicesOf(req.app).authenticator.userIdOf(req.get('Authorization'))),
      onUnavailable: config.rateLimit.onUnavailable,
      timeoutMs: config.cache.timeoutMs,
      logger,
    }),
  );
  api.use(httpCache({ maxAgeSeconds: 60, notFoundMaxAgeSeconds: 5 }));
  api.use(documentedOnly(openapi));
  api.use(jsonBody());
  RegisterRoutes(api);
  app.use(API_BASE, api);

  app.use(notFound());
  app.use(errorHandler({ logger, problemTypeBase: PROBLEM_TYPE_BASE }));
  return app;
}
