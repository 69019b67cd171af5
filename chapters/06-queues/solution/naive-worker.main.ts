/*
 * The naive worker of the chapter's first lesson: RPOP a job, work on it, record it as done. Kill it with
 * `kill -9` while it works and count: the jobs it had popped are neither in the list nor done.
 * Each job's "work" is a pause of NAIVE_WORK_MS; "done" is its id added to the set `<queue>:done`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { loadConfig } from './config';
import { jsonLogger } from './logging/json-logger';
import { NaiveQueue } from './queue/naive-queue';

const config = loadConfig();
const logger = jsonLogger();
const workMs = Number(process.env.NAIVE_WORK_MS ?? 20);
const redis = new Redis(config.redisUrl, { keyPrefix: config.redisKeyPrefix });
const queue = new NaiveQueue(redis, `${config.queueName}:naive`);
const running = queue.work(async (job) => {
  await sleep(workMs);
  await redis.sadd(`${config.queueName}:naive:done`, job.id);
}, config.concurrency);
logger.info('naive worker started', { concurrency: config.concurrency });

process.once('SIGTERM', () => {
  void running.stop().then(() => redis.quit());
});
