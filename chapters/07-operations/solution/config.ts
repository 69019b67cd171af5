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
  // #exercise 7.1
  const resolved: Record<string, string | undefined> = {};
  for (const name of SECRET_SETTINGS) {
    const direct = env[name] || undefined;
    const file = env[`${name}_FILE`] || undefined;
    if (direct !== undefined && file !== undefined) {
      reader.problem(`${name} and ${name}_FILE are both set; set only one`);
    } else if (file !== undefined) {
      try {
        // Files written by `echo` or editors end with a newline that is not part of the secret.
        resolved[name] = readFile(file).replace(/\r?\n$/, '');
      } catch {
        reader.problem(`${name}_FILE points at ${file}, which cannot be read`);
      }
    } else {
      resolved[name] = direct;
    }
  }
  return resolved;
  // #end
}

/** Reads and checks the whole environment; one ConfigError lists every problem. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  readFile: ReadFile = (p) => fs.readFileSync(p, 'utf8'),
): Config {
  // #exercise 7.1
  const reader = new EnvReader(env);
  const secrets = new EnvReader(readSecretSettings(env, reader, readFile));
  const config: Config = {
    nodeEnv: reader.oneOf('NODE_ENV', ['development', 'test', 'production'], 'development'),
    port: reader.integer('PORT', { min: 0, max: 65535, default: 3007 }),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    // No defaults: a URL with a password is a secret, and a guessed one would connect to the wrong place.
    databaseUrl: secrets.databaseUrl(),
    redisUrl: secrets.redisUrl(),
    healthTimeoutMs: reader.integer('HEALTH_TIMEOUT_MS', { min: 10, max: 10_000, default: 500 }),
    shutdownDelayMs: reader.integer('SHUTDOWN_DELAY_MS', { min: 0, max: 60_000, default: 0 }),
    shutdownBudgetMs: reader.integer('SHUTDOWN_BUDGET_MS', { min: 100, max: 120_000, default: 10_000 }),
  };
  if (config.shutdownDelayMs >= config.shutdownBudgetMs) {
    reader.problem('SHUTDOWN_DELAY_MS must be shorter than SHUTDOWN_BUDGET_MS');
  }
  // A URL whose file could not be read is already reported; "must be set" would only repeat it.
  for (const problem of secrets.problems) {
    const name = problem.split(' ')[0]!;
    if (!reader.problems.some((known) => known.startsWith(name))) reader.problem(problem);
  }
  reader.done();
  return config;
  // #starter
  // // Unchecked: a typo in a number becomes NaN, and a missing URL is only noticed at the first query.
  // return {
  //   nodeEnv: (env.NODE_ENV ?? 'development') as Config['nodeEnv'],
  //   port: Number(env.PORT ?? 3007),
  //   logLevel: (env.LOG_LEVEL ?? 'info') as LogLevel,
  //   databaseUrl: env.DATABASE_URL ?? '',
  //   redisUrl: env.REDIS_URL ?? '',
  //   healthTimeoutMs: Number(env.HEALTH_TIMEOUT_MS ?? 500),
  //   shutdownDelayMs: Number(env.SHUTDOWN_DELAY_MS ?? 0),
  //   shutdownBudgetMs: Number(env.SHUTDOWN_BUDGET_MS ?? 10_000),
  // };
  // #end
}
