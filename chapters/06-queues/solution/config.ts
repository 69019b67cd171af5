/** The settings of the API and the worker, read once from the environment. */
export interface Config {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prepended to every Redis key, so several apps (or test runs) can share one server. */
  redisKeyPrefix: string;
  queueName: string;
  concurrency: number;
  visibilityMs: number;
  maxAttempts: number;
  shutdownBudgetMs: number;
  pollMs: number;
  /** See ReportJobOptions.deliveryMs. */
  reportDeliveryMs: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}`);
    }
    return value;
  };
  const config: Config = {
    port: integer('PORT', 3006, 0, 65_535),
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    redisKeyPrefix: env.REDIS_KEY_PREFIX ?? 'bookstore:',
    queueName: env.QUEUE_NAME || 'reports',
    concurrency: integer('WORKER_CONCURRENCY', 10, 1, 1_000),
    visibilityMs: integer('VISIBILITY_MS', 30_000, 100, 3_600_000),
    maxAttempts: integer('MAX_ATTEMPTS', 5, 1, 100),
    shutdownBudgetMs: integer('SHUTDOWN_BUDGET_MS', 10_000, 0, 600_000),
    pollMs: integer('POLL_MS', 1_000, 10, 60_000),
    reportDeliveryMs: integer('REPORT_DELIVERY_MS', 0, 0, 600_000),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}
