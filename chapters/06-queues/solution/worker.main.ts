/*
 * The worker process: runs report jobs until SIGTERM or SIGINT, then stops gracefully and exits 0.
 * `pnpm --filter @course/ch06-queues worker` runs it; the crash tests start it as a child process and kill it.
 */
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { loadConfig } from './config';
import { ReliableQueue } from './queue/reliable-queue';
import { Worker } from './queue/worker';
import { reportJobHandler } from './reports/report.job';
import { jsonLogger } from './logging/json-logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = jsonLogger();
  // Workers wait for Redis to come back instead of failing commands while it is away.
  const redis = new Redis(config.redisUrl, { keyPrefix: config.redisKeyPrefix, maxRetriesPerRequest: null });
  redis.on('error', (error) => logger.warn('redis connection error', { error: error.message }));
  const pool = new Pool({ connectionString: config.databaseUrl, max: Math.min(config.concurrency, 20) });
  const queue = new ReliableQueue({
    redis,
    name: config.queueName,
    visibilityMs: config.visibilityMs,
    maxAttempts: config.maxAttempts,
  });
  const worker = new Worker({
    queue,
    handler: reportJobHandler({ pool, deliveryMs: config.reportDeliveryMs }),
    concurrency: config.concurrency,
    pollMs: config.pollMs,
    logger,
  });
  worker.on('completed', (job) => logger.info('job completed', { jobId: job.id }));

  const shutdown = async (signal: string): Promise<void> => {
    logger.info('worker stopping', { signal, budgetMs: config.shutdownBudgetMs });
    const result = await worker.stop(config.shutdownBudgetMs);
    logger.info('worker stopped', { signal, ...result });
    await Promise.allSettled([pool.end(), redis.quit()]);
    // A handler that ignored the budget may still hold a timer; its job is back in the queue, so leave now.
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await worker.start();
  logger.info('worker started', { queue: config.queueName, concurrency: config.concurrency });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
