import { randomUUID } from 'node:crypto';
import { exercise } from '@course/test-harness';
import { Redis } from 'ioredis';
import type { PoolClient } from 'pg';
import { runOnce } from '@target/jobs/run-once';
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
const { db, makeQueue } = test;

/** The effect under test: one stored report file for the job. */
const storeFile = (jobId: string) => async (client: PoolClient) => {
  await client.query('INSERT INTO report_files (report_id, job_id, body) VALUES ($1, $2, $3)', [
    randomUUID(),
    jobId,
    '{}',
  ]);
  return { stored: jobId };
};

exercise('6.5', () => {
  it('When a job runs twice, then its effect is applied once and the second run gets the first result', async () => {
    const first = await runOnce(db.pool, 'job-1', storeFile('job-1'));
    const second = await runOnce(db.pool, 'job-1', async () => ({ stored: 'again' }));
    expect(first).toEqual({ applied: true, result: { stored: 'job-1' } });
    expect(second).toEqual({ applied: false, result: { stored: 'job-1' } });
    expect(await reportFiles(db)).toEqual({ total: 1, jobs: 1 });
  });

  it('When ten deliveries of one job run at the same moment, then exactly one applies the effect', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, () => runOnce(db.pool, 'job-2', storeFile('job-2'))),
    );
    expect(runs.filter((run) => run.applied)).toHaveLength(1);
    expect(runs.every((run) => (run.result as { stored: string }).stored === 'job-2')).toBe(true);
    expect(await reportFiles(db)).toEqual({ total: 1, jobs: 1 });
  });

  it('When the effect fails after the guard was written, then neither stays, and the next delivery applies it', async () => {
    const crashing = async (client: PoolClient) => {
      await storeFile('job-3')(client);
      throw new Error('the worker died here');
    };
    await expect(runOnce(db.pool, 'job-3', crashing)).rejects.toThrow('the worker died here');
    expect(await reportFiles(db)).toEqual({ total: 0, jobs: 0 });

    const retry = await runOnce(db.pool, 'job-3', storeFile('job-3'));
    expect(retry.applied).toBe(true);
    expect(await reportFiles(db)).toEqual({ total: 1, jobs: 1 });
  });

  it('When a worker is killed with kill -9 mid-batch, then the redelivered jobs apply 0 effects twice', async () => {
    const queue = makeQueue({ visibilityMs: 1_000 });
    const total = 60;
    const ids = await enqueueReports(queue, total);
    // Each job waits 150 ms between storing its report and its ack: the kill catches several in that window.
    const child = spawnTarget(
      'worker.main.ts',
      workerEnv(test, queue, { WORKER_CONCURRENCY: 10, REPORT_DELIVERY_MS: 150 }),
    );
    await waitFor('some reports', async () => (await reportFiles(db)).total >= 15, 20_000);
    child.process.kill('SIGKILL');
    await child.exited;

    await startWorker({ queue, handler: reportJobHandler({ pool: db.pool }), concurrency: 10 });
    await waitFor(
      'every job acked',
      async () => {
        const counts = await queue.counts();
        return counts.ready + counts.processing + counts.delayed === 0;
      },
      20_000,
    );

    const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
    const redelivered = jobs.filter((job) => job!.attempts > 1).length;
    expect(redelivered).toBeGreaterThan(0);
    expect(await reportFiles(db)).toEqual({ total, jobs: total });
  });

  it('When Redis crashes and restarts mid-run, then the workers reconnect and every report is stored once', async () => {
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
      // Jobs that were in flight at the crash ran again; each stored its report once all the same.
      expect((await reportFiles(db)).total).toBe(total);
    } finally {
      client.disconnect();
      await server.destroy();
    }
  });
});
