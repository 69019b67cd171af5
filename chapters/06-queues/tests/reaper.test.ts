import { exercise } from '@course/test-harness';
import { Redis } from 'ioredis';
import { ReliableQueue } from '@target/queue/reliable-queue';
import { reportJobHandler } from '@target/reports/report.job';
import {
  enqueueReports,
  reportFiles,
  spawnTarget,
  startPrivateRedis,
  startWorker,
  useQueueTest,
  waitFor,
  WORKER_REDIS,
  workerEnv,
} from './support';

const test = useQueueTest();
const { db, redis, makeQueue } = test;

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

  it('When a worker is killed with kill -9 mid-batch, then another worker delivers every job: 0 of N lost', async () => {
    const queue = makeQueue({ visibilityMs: 1_000 });
    const total = 60;
    await enqueueReports(queue, total);
    const child = spawnTarget(
      'worker.main.ts',
      workerEnv(test, queue, { WORKER_CONCURRENCY: 10, REPORT_DELIVERY_MS: 100 }),
    );
    await waitFor('some reports', async () => (await reportFiles(db)).total >= 15, 20_000);
    child.process.kill('SIGKILL');
    await child.exited;
    expect(await redis.client.llen(queue.keys.processing)).toBeGreaterThan(0);

    await startWorker({ queue, handler: reportJobHandler({ pool: db.pool }), concurrency: 10 });
    await waitFor('every job', async () => (await reportFiles(db)).jobs === total, 20_000);
    await waitFor('an empty queue', async () => (await queue.counts()).processing === 0);
    expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 0, dead: 0 });
  });

  it('When Redis crashes and restarts mid-run, then the workers reconnect and finish every job', async () => {
    const server = await startPrivateRedis();
    const client = new Redis(server.url, WORKER_REDIS);
    client.on('error', () => {});
    try {
      const queue = new ReliableQueue({ redis: client, name: 'restart', visibilityMs: 1_000 });
      const total = 80;
      await enqueueReports(queue, total);
      const handler = reportJobHandler({ pool: db.pool, deliveryMs: 20 });
      await startWorker({ queue, handler, concurrency: 5 });
      await startWorker({ queue, handler, concurrency: 5 });
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
      expect((await reportFiles(db)).total).toBe(total);
    } finally {
      client.disconnect();
      await server.destroy();
    }
  });
});
