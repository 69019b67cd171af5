import { exercise } from '@course/test-harness';
import { Redis } from 'ioredis';
import { ReliableQueue } from '@target/queue/reliable-queue';
import type { Job } from '@target/queue/job.types';
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
const { db, makeQueue } = test;

exercise('6.7', () => {
  it('When a worker stops, then jobs that finish within the budget are acked and nothing is given back', async () => {
    const queue = makeQueue();
    const ids = await Promise.all([1, 2, 3].map((n) => queue.enqueue('quick', { n })));
    const started: string[] = [];
    const worker = await startWorker({
      queue,
      handler: async (job: Job) => {
        started.push(job.id);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return 'done';
      },
    });
    await waitFor('three running jobs', () => started.length === 3);
    expect(await worker.stop(5_000)).toEqual({ finished: 3, returned: 0 });
    for (const id of ids) expect((await queue.getJob(id))?.state).toBe('completed');
  });

  it('When jobs outlast the budget, then they go back to the head of the queue without using up an attempt', async () => {
    const queue = makeQueue();
    const slow = await queue.enqueue('slow', {});
    const quick = await queue.enqueue('quick', {});
    const waiting = await queue.enqueue('quick', {});
    let running = 0;
    let finishSlowJob: () => void = () => {};
    const slowJob = new Promise<void>((resolve) => (finishSlowJob = resolve));
    const worker = await startWorker({
      queue,
      concurrency: 2,
      handler: async (job: Job) => {
        running += 1;
        if (job.name === 'slow') await slowJob;
        else await new Promise((resolve) => setTimeout(resolve, 100));
      },
    });
    try {
      await waitFor('two running jobs', () => running === 2);
      // The slow job is still running when stop() returns: it was given back, not waited for.
      expect(await worker.stop(300)).toEqual({ finished: 1, returned: 1 });
      expect((await queue.getJob(quick))?.state).toBe('completed');
      expect(await queue.getJob(slow)).toMatchObject({ state: 'waiting', attempts: 0 });
      expect(await test.redis.client.lrange(queue.keys.ready, 0, -1)).toEqual([waiting, slow]);
      expect(await queue.counts()).toMatchObject({ processing: 0 });
    } finally {
      finishSlowJob();
    }
    // Its late finish changes nothing: the job stays given back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await queue.getJob(slow)).toMatchObject({ state: 'waiting', attempts: 0 });
  });

  it('When an idle worker stops, then its waiting BLMOVE ends at once, and it fetches nothing afterwards', async () => {
    const queue = makeQueue();
    const worker = await startWorker({ queue, blockSeconds: 10, handler: async () => 'ran' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const began = Date.now();
    expect(await worker.stop(1_000)).toEqual({ finished: 0, returned: 0 });
    // Well under the 10 s that the BLMOVE would have waited.
    expect(Date.now() - began).toBeLessThan(5_000);
    const id = await queue.enqueue('after-stop', {});
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await queue.getJob(id))?.state).toBe('waiting');
  });

  it('When Redis is down as the worker stops, then stop() still returns instead of waiting for Redis', async () => {
    const server = await startPrivateRedis();
    const client = new Redis(server.url, WORKER_REDIS);
    client.on('error', () => {});
    try {
      const queue = new ReliableQueue({ redis: client, name: 'outage' });
      // Each wait on Redis is 0.2 s here; the default, 1 s, would only make the test longer.
      const worker = await startWorker({
        queue,
        blockSeconds: 5,
        redisWaitMs: 200,
        handler: async () => 'ran',
      });
      await server.crash();
      const began = Date.now();
      expect(await worker.stop(200)).toEqual({ finished: 0, returned: 0 });
      // Sooner than the BLMOVE would have ended by itself.
      expect(Date.now() - began).toBeLessThan(4_000);
    } finally {
      client.disconnect();
      await server.destroy();
    }
  });

  it('When a worker process gets SIGTERM mid-batch, then it exits 0, loses none and duplicates none', async () => {
    const queue = makeQueue({ visibilityMs: 10_000 });
    const total = 40;
    await enqueueReports(queue, total);
    // Every job pauses 1 s after storing its report, longer than the 200 ms budget: the running ones go back.
    const child = spawnTarget(
      'worker.main.ts',
      workerEnv(test, queue, { WORKER_CONCURRENCY: 5, REPORT_DELIVERY_MS: 1_000, SHUTDOWN_BUDGET_MS: 200 }),
    );
    await child.waitForLog('worker started');
    await waitFor('some reports', async () => (await reportFiles(db)).total >= 5, 20_000);
    const began = Date.now();
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - began).toBeLessThan(10_000);
    const stopped = child.logs.find((line) => line.message === 'worker stopped');
    expect(stopped).toMatchObject({ returned: expect.any(Number) });
    expect(stopped!.returned).toBeGreaterThan(0);
    // Nothing was left in processing for a reaper to find 10 s later: the jobs are ready now.
    expect(await queue.counts()).toMatchObject({ processing: 0 });

    await startWorker({ queue, handler: reportJobHandler({ pool: db.pool }), concurrency: 10 });
    await waitFor(
      'every job acked',
      async () => {
        const counts = await queue.counts();
        return counts.ready + counts.processing + counts.delayed === 0;
      },
      20_000,
    );
    expect(await reportFiles(db)).toEqual({ total, jobs: total });
  });
});
