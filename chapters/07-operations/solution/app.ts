import { buildApp } from '@course/platform/http';
import type { Logger } from '@course/platform/logging';
import type { Express } from 'express';
import { BookRepository } from './books/book.repository';
import { bookRouter } from './books/book.router';
import { healthRouter, type HealthCheck } from './health/health.router';
import type { Lifecycle } from './health/lifecycle';
import type { Metrics } from './metrics/metrics';
import { openapi } from './openapi';
import type { Pool } from 'pg';

export const API = '/api/v1';

export interface AppOptions {
  logger: Logger;
  pool: Pool;
  checks: readonly HealthCheck[];
  healthTimeoutMs: number;
  lifecycle: Lifecycle;
  metrics: Metrics;
}

/** The app, not listening: tests send it requests without a socket, server.ts listens. */
export function createApp({
  logger,
  pool,
  checks,
  healthTimeoutMs,
  lifecycle,
  metrics,
}: AppOptions): Express {
  return buildApp({
    logger,
    openapi,
    basePath: API,
    problemTypeBase: 'https://bookstore.example/problems/',
    // Probes and scrapes come first, outside the access log: they arrive every few seconds and say nothing new.
    configure(app) {
      app.use(healthRouter({ checks, timeoutMs: healthTimeoutMs, lifecycle }));
      app.use(metrics.router);
      app.use(metrics.middleware);
    },
    registerRoutes(router) {
      router.use(bookRouter(new BookRepository(pool), logger));
    },
  });
}
