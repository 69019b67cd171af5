/*
 * The naive worker of the chapter's first lesson: RPOP a job, work on it, record it as done. Kill it with
 * `kill -9` while it works and count: the jobs it had popped are neither in the list nor done.
 * Each job's "work" is a pause of NAIVE_WORK_MS; "done" is its id added to the set `<queue>:naive:done`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { readConfig } from '@course/platform/config';
import { createLogger } from '@course/platform/logging';
import { Redis } from 'ioredis';
import { NaiveQueue } from './queue/naive-queue';

const config = readConfig(process.env, (read) => ({
  redisUrl: read.redisUrl(),
  redisKeyPrefix: read.text('REDIS_KEY_PREFIX', 'bookstore:'),
  queueName: read.text('QUEUE_NAME', 'reports'),
  concurrency: read.integer('WORKER_CONCURRENCY', { min: 1, max: 1_000, default: 10 }),
  workMs: read.integer('NAIVE_WORK_MS', { min: 0, max: 60_000, default: 20 }),
}));
const logger = createLogger({ level: 'info' });
const redis = new Redis(config.redisUrl, { keyPrefix: config.redisKeyPrefix });
const queue = new NaiveQueue(redis, `${config.queueName}:naive`);
const running = queue.work(async (job) => {
  await sleep(config.workMs);
  await redis.sadd(`${config.queueName}:naive:done`, job.id);
}, config.concurrency);
logger.info('naive worker started', { concurrency: config.concurrency });

process.once('SIGTERM', () => {
  void running.stop().then(() => redis.quit());
});
