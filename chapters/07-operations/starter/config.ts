import fs from 'node:fs';
import { EnvReader } from '@course/platform/config';
import { LOG_LEVELS, type LogLevel } from '@course/platform/logging';

export { ConfigError } from '@course/platform/config';

/** Everything the service reads from its environment, once, at startup. */
export interface Config {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  logLevel: LogLevel;
  databaseUrl: string;
  redisUrl: string;
  /** How long a readiness check may wait for PostgreSQL or Redis before it counts as failed. */
  healthTimeoutMs: number;
  /** How long the server keeps serving after readiness fails, so that load balancers stop sending traffic. */
  shutdownDelayMs: number;
  /** The whole shutdown must end within this; after it the process exits 1. */
  shutdownBudgetMs: number;
}

/** Settings that may carry a password, so they can also come from a file (`DATABASE_URL_FILE`). */
export const SECRET_SETTINGS = ['DATABASE_URL', 'REDIS_URL'] as const;

/** Reads a file the way an orchestrator mounts a secret; tests pass their own. */
export type ReadFile = (path: string) => string;

/**
 * `NAME` or the contents of the file that `NAME_FILE` points at (Docker and Kubernetes secrets are files).
 * Problems go to the reader, so that they are reported together with every other one.
 */
export function readSecretSettings(
  env: NodeJS.ProcessEnv,
  reader: EnvReader,
  readFile: ReadFile,
): Record<string, string | undefined> {
  // #exercise 7.1: Validate the configuration. Stuck? pnpm course hint 7.1
  throw new Error('Exercise 7.1 is not done yet: Validate the configuration');
  // #end
}

/** Reads and checks the whole environment; one ConfigError lists every problem. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  readFile: ReadFile = (p) => fs.readFileSync(p, 'utf8'),
): Config {
  // #exercise 7.1: Validate the configuration. Stuck? pnpm course hint 7.1
  // Unchecked: a typo in a number becomes NaN, and a missing URL is only noticed at the first query.
  return {
    nodeEnv: (env.NODE_ENV ?? 'development') as Config['nodeEnv'],
    port: Number(env.PORT ?? 3007),
    logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
    databaseUrl: env.DATABASE_URL ?? '',
    redisUrl: env.REDIS_URL ?? '',
    healthTimeoutMs: Number(env.HEALTH_TIMEOUT_MS ?? 500),
    shutdownDelayMs: Number(env.SHUTDOWN_DELAY_MS ?? 0),
    shutdownBudgetMs: Number(env.SHUTDOWN_BUDGET_MS ?? 10_000),
  };
  // #end
}
