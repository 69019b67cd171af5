import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@course/platform/logging';
import type { Stoppable } from '@course/platform/server';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { Config } from './config';
import { ReliableQueue } from './queue/reliable-queue';
import { Worker } from './queue/worker';
import { reportJobHandler } from './reports/report.job';

/** The queue of report jobs on a connection of its own. */
export function connectQueue(config: Config, logger: Logger): ReliableQueue {
  // Workers wait for Redis to come back instead of failing their commands while it is away.
  const redis = new Redis(config.redisUrl, { keyPrefix: config.redisKeyPrefix, maxRetriesPerRequest: null });
  redis.on('error', (error) => logger.warn('redis connection error', { error: error.message }));
  return new ReliableQueue({
    redis,
    name: config.queueName,
    visibilityMs: config.visibilityMs,
    maxAttempts: config.maxAttempts,
  });
}

/**
 * Starts a worker with its own pool and Redis connection. close() stops it gracefully within
 * config.shutdownBudgetMs, then closes the connections.
 */
export async function connectWorker(config: Config, logger: Logger): Promise<Stoppable> {
  const pool = new Pool({ connectionString: config.databaseUrl, max: Math.min(config.concurrency, 20) });
  const queue = connectQueue(config, logger);
  const worker = new Worker({
    queue,
    handler: reportJobHandler({ pool, deliveryMs: config.reportDeliveryMs }),
    concurrency: config.concurrency,
    pollMs: config.pollMs,
    logger,
  });
  worker.on('completed', (job) => logger.debug('job completed', { jobId: job.id }));
  await worker.start();
  return {
    close: async () => {
      logger.info('worker stopping', { budgetMs: config.shutdownBudgetMs });
      const result = await worker.stop(config.shutdownBudgetMs);
      logger.info('worker stopped', { ...result });
      queue.redis.disconnect();
      // A handler that outlived the budget may still hold a database connection, which pool.end() would wait
      // for; its job is back in the queue, so wait a second at most.
      await Promise.race([pool.end(), sleep(1_000, undefined, { ref: false })]);
    },
  };
}
