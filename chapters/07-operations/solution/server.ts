import { connectPool } from '@course/platform/database';
import { createLogger } from '@course/platform/logging';
import { startServer } from '@course/platform/server';
import { Redis } from 'ioredis';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLifecycle } from './health/lifecycle';
import { createMetrics } from './metrics/metrics';
import { gracefulShutdown, onShutdownSignals } from './shutdown/shutdown';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const pool = connectPool({ url: config.databaseUrl, poolSize: 10, connectionTimeoutMs: 2_000, logger });
  // Fail fast while Redis is away instead of queueing commands: readiness must see the outage.
  const redis = new Redis(config.redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: true,
  });
  redis.on('error', (error: Error) => logger.warn('redis error', { error: error.message }));
  redis.connect().catch(() => undefined);

  const lifecycle = createLifecycle();
  const app = createApp({
    logger,
    pool,
    lifecycle,
    metrics: createMetrics(),
    healthTimeoutMs: config.healthTimeoutMs,
    checks: [
      { name: 'postgres', check: () => pool.query('SELECT 1') },
      { name: 'redis', check: () => redis.ping() },
    ],
  });
  const running = await startServer({
    app,
    port: config.port,
    logger,
    // Connections still open when the budget is nearly spent are cut, so that the pools can close in time.
    shutdownTimeoutMs: Math.max(config.shutdownBudgetMs - config.shutdownDelayMs - 500, 100),
  });
  onShutdownSignals(
    gracefulShutdown({
      lifecycle,
      logger,
      closeServer: () => running.close(),
      closers: [() => pool.end(), () => redis.quit().catch(() => redis.disconnect())],
      delayMs: config.shutdownDelayMs,
      budgetMs: config.shutdownBudgetMs,
    }),
  );
  logger.info('ready to serve', { port: running.port, nodeEnv: config.nodeEnv, pid: process.pid });
}

main().catch((error: unknown) => {
  // A ConfigError lists every problem and never a secret's value; anything else is a bug worth its stack.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
