import { readConfig } from '@course/platform/config';
import { LOG_LEVELS, type LogLevel } from '@course/platform/logging';

/** The settings of the API and the worker, read once from the environment. */
export interface Config {
  port: number;
  logLevel: LogLevel;
  databaseUrl: string;
  redisUrl: string;
  /** Prepended to every Redis key, so several apps (or test runs) can share one server. */
  redisKeyPrefix: string;
  queueName: string;
  concurrency: number;
  /** How long a worker may hold a job without a heartbeat before the reaper takes it back. */
  visibilityMs: number;
  maxAttempts: number;
  /** How long a stopping worker lets its running jobs finish before it gives them back. */
  shutdownBudgetMs: number;
  /** How often a worker extends its deadlines, reaps and promotes. */
  pollMs: number;
  /** See ReportJobOptions.deliveryMs; 0 outside demos and tests. */
  reportDeliveryMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return readConfig(env, (read) => ({
    port: read.integer('PORT', { min: 0, max: 65_535, default: 3006 }),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl: read.databaseUrl(),
    redisUrl: read.redisUrl(),
    redisKeyPrefix: read.text('REDIS_KEY_PREFIX', 'bookstore:'),
    queueName: read.text('QUEUE_NAME', 'reports'),
    concurrency: read.integer('WORKER_CONCURRENCY', { min: 1, max: 1_000, default: 10 }),
    visibilityMs: read.integer('VISIBILITY_MS', { min: 100, max: 3_600_000, default: 30_000 }),
    maxAttempts: read.integer('MAX_ATTEMPTS', { min: 1, max: 100, default: 5 }),
    shutdownBudgetMs: read.integer('SHUTDOWN_BUDGET_MS', { min: 0, max: 600_000, default: 10_000 }),
    pollMs: read.integer('POLL_MS', { min: 10, max: 60_000, default: 1_000 }),
    reportDeliveryMs: read.integer('REPORT_DELIVERY_MS', { min: 0, max: 600_000, default: 0 }),
  }));
}
