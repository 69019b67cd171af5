import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { buildApp, notFound } from '@course/platform/http';
import type { Logger } from '@course/platform/logging';
import { authRateLimits } from './auth/auth-rate-limit';
import type { Config } from './config';
import { createServices, provideServices } from './container';
import type { PrismaClient } from './database/prisma';
import { specErrorHandler } from './errors/spec-errors';
import openapi from './generated/openapi.json';
import { RegisterRoutes } from './generated/routes';
import { healthRouter } from './health/health.router';

/** Every API path starts here, as in the RealWorld spec's server URL. */
export const API_BASE = '/api';

export interface AppOptions {
  config: Config;
  /** The caller connects and disconnects both. */
  prisma: PrismaClient;
  redis: Redis;
  logger: Logger;
  /** For /readyz: true once shutdown has begun. */
  isShuttingDown?: () => boolean;
}

/** Builds the Conduit API on the library's standard pipeline, without listening. */
export function createApp({
  config,
  prisma,
  redis,
  logger,
  isShuttingDown = () => false,
}: AppOptions): Express {
  const limits = authRateLimits(redis, config.rateLimit);
  return buildApp({
    logger,
    openapi,
    basePath: API_BASE,
    problemTypeBase: 'https://conduit.example/problems/',
    trustProxyHops: config.trustProxyHops,
    security: { production: config.production, corsOrigins: config.corsOrigins },
    jsonLimit: '256kb',
    configure(app) {
      provideServices(app, createServices(prisma, config, redis, logger));
      // Probes come before the request log: a load balancer asks every few seconds.
      app.use(healthRouter({ prisma, redis, isShuttingDown }));
    },
    registerRoutes(api) {
      api.post('/users', limits.register);
      api.post('/users/login', limits.login);
      RegisterRoutes(api);
      // Inside the API router, so that every API error, unknown paths included, takes the spec's shape; paths
      // outside /api keep the library's problem+json.
      api.use(notFound());
      api.use(specErrorHandler(logger));
    },
  });
}
