import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { exercise } from '@course/test-harness';
import { Redis } from 'ioredis';
import type { JobHandler } from '@target/queue/job.types';
import { ReliableQueue } from '@target/queue/reliable-queue';
import {
  enqueueReports,
  reportFiles,
  startPrivateRedis,
  startWorker,
  useQueueTest,
  waitFor,
  WORKER_REDIS,
} from './support';

const test = useQueueTest();
const { db, redis, makeQueue } = test;

/**
 * Stores one report row per delivery, without the guard of 6.5: a job delivered twice stores two rows. Losing
 * nothing is this exercise's promise; applying each effect once is 6.5's (its tests kill a worker process too).
 */
const storeEveryDelivery: JobHandler = async (job) => {
  await db.pool.query('INSERT INTO report_files (report_id, job_id, body) VALUES ($1, $2, $3)', [
    randomUUID(),
    job.id,
    '{}',
  ]);
  await sleep(20);
  return {};
};

exercise('6.2', () => {
  it('When a fetched job misses its deadline, then reap puts it back first in line and the next delivery counts 2', async () => {
    let now = 1_000_000;
    const queue = makeQueue({ visibilityMs: 1_000, now: () => now });
    const lost = await queue.enqueue('build-report', {});
    const [job] = await queue.fetch(redis.createClient(), 1);
    const other = await queue.enqueue('build-report', {});

    now += 999;
    expect(await queue.reap()).toBe(0);
    now += 2;
    expect(await queue.reap()).toBe(1);

    expect(await redis.client.llen(queue.keys.processing)).toBe(0);
    expect(await redis.client.zcard(queue.keys.deadlines)).toBe(0);
    expect(await queue.getJob(lost)).toMatchObject({ state: 'waiting', attempts: 1 });
    const [again] = await queue.fetch(redis.createClient(), 1);
    expect(again).toMatchObject({ id: job!.id, attempts: 2 });
    expect(await redis.client.lrange(queue.keys.ready, 0, -1)).toEqual([other]);
  });

  it('When a worker died between BLMOVE and its claim, then the id gets a deadline and comes back after it', async () => {
    let now = 1_000_000;
    const queue = makeQueue({ visibilityMs: 1_000, now: () => now });
    const id = await queue.enqueue('build-report', {});
    // What the dead worker's BLMOVE did before it could claim the job: no deadline, no delivery counted.
    await redis.client.lmove(queue.keys.ready, queue.keys.processing, 'RIGHT', 'LEFT');

    expect(await queue.reap()).toBe(0);
    expect(Number(await redis.client.zscore(queue.keys.deadlines, id))).toBe(now + 1_000);
    now += 1_001;
    expect(await queue.reap()).toBe(1);
    expect(await redis.client.lrange(queue.keys.ready, 0, -1)).toEqual([id]);
  });

  it('When a job has used every delivery on workers that died, then the reaper dead-letters it instead of looping', async () => {
    let now = 1_000_000;
    const queue = makeQueue({ visibilityMs: 1_000, maxAttempts: 2, now: () => now });
    const id = await queue.enqueue('build-report', {});
    for (let delivery = 1; delivery <= 2; delivery += 1) {
      expect(await queue.fetch(redis.createClient(), 1)).toHaveLength(1);
      now += 1_001;
      await queue.reap();
    }
    expect(await redis.client.lrange(queue.keys.dead, 0, -1)).toEqual([id]);
    expect(await redis.client.llen(queue.keys.ready)).toBe(0);
    const dead = await queue.getJob(id);
    expect(dead).toMatchObject({ state: 'dead', attempts: 2 });
    expect(dead?.error).toMatch(/stopped responding/);
  });

  it('When Redis crashes and restarts mid-run, then the workers reconnect and finish every job', async () => {
    const server = await startPrivateRedis();
    const client = new Redis(server.url, WORKER_REDIS);
    client.on('error', () => {});
    try {
      const queue = new ReliableQueue({ redis: client, name: 'restart', visibilityMs: 1_000 });
      const total = 80;
      await enqueueReports(queue, total);
      await startWorker({ queue, handler: storeEveryDelivery, concurrency: 5 });
      await startWorker({ queue, handler: storeEveryDelivery, concurrency: 5 });
      await waitFor('some reports', async () => (await reportFiles(db)).total >= 20);

      await server.crash();
      // The crash came mid-run: work was left to do.
      expect((await reportFiles(db)).jobs).toBeLessThan(total);
      await server.start();

      await waitFor('every job', async () => (await reportFiles(db)).jobs === total, 20_000);
      await waitFor('an empty queue', async () => {
        const counts = await queue.counts();
        return counts.processing === 0 && counts.ready === 0;
      });
      expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 0, dead: 0 });
    } finally {
      client.disconnect();
      await server.destroy();
    }
  });
});
