import { randomUUID } from 'node:crypto';
import { exercise } from '@course/test-harness';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { producerConnection, workerConnection } from '@target/bullmq/bull.connections';
import {
  addReportJob,
  createReportQueue,
  createReportWorker,
  stopBullWorker,
} from '@target/bullmq/report.bullmq';
import { PayloadTooLargeError } from '@target/queue/job.errors';
import type { Job, JobHandler } from '@target/queue/job.types';
import { reportJobHandler } from '@target/reports/report.job';
import { reportFiles, startPrivateRedis, useQueueTest, waitFor } from './support';

const { db, redis } = useQueueTest();

const opened: { close(): Promise<unknown> }[] = [];
const connections: Redis[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
  // A connection that BullMQ has closed already is left alone: ioredis's disconnect() arms a 2 s timer that only its
  // socket's 'close' clears, and jest would wait for it.
  for (const connection of connections.splice(0)) if (connection.status !== 'end') connection.disconnect();
});

let names = 0;
/** A queue and a way to start workers on it, under the test file's Redis prefix. */
function bull(options: { attempts?: number; keepCompleted?: { count: number; ageSeconds: number } } = {}) {
  const name = `bull${(names += 1)}`;
  // BullMQ prefixes keys itself and refuses ioredis keyPrefix; its prefix keeps the test's keys together.
  const prefix = `${redis.prefix}bull`;
  const producer = producerConnection(redis.url);
  connections.push(producer);
  const queue = createReportQueue({ name, connection: producer, prefix, backoffMs: 10, ...options });
  opened.push(queue);
  const startWorker = (handler: JobHandler): Worker => {
    const connection = workerConnection(redis.url);
    connections.push(connection);
    const worker = createReportWorker({
      name,
      connection,
      prefix,
      handler,
      lockDurationMs: 1_000,
      stalledIntervalMs: 500,
    });
    opened.push(worker);
    return worker;
  };
  return { queue, startWorker };
}

async function stateOf(queue: Queue, id: string) {
  const job = await queue.getJob(id);
  return job ? await job.getState() : 'missing';
}

exercise('6.8', () => {
  it('When a report job runs on BullMQ, then the shared handler builds it once and BullMQ keeps the result', async () => {
    const { queue, startWorker } = bull();
    const reportId = randomUUID();
    const job = await addReportJob(queue, { reportId, kind: 'stock' });
    startWorker(reportJobHandler({ pool: db.pool }));
    await waitFor('completion', async () => (await stateOf(queue, reportId)) === 'completed');
    expect((await queue.getJob(reportId))?.returnvalue).toEqual({
      kind: 'stock',
      titles: 0,
      copies: 0,
      outOfStock: 0,
    });
    expect(job.id).toBe(reportId);
    expect(await reportFiles(db)).toEqual({ total: 1, jobs: 1 });
  });

  it('When the producer is made, then every job gets attempts, exponential backoff with jitter and retention', () => {
    const { queue } = bull();
    expect(queue.defaultJobOptions).toMatchObject({
      attempts: 5,
      backoff: { type: 'exponential', delay: 10, jitter: 1 },
      removeOnComplete: { count: 1_000, age: 86_400 },
      removeOnFail: { age: 604_800 },
    });
  });

  it('When a poison job fails every time, then it fails for good after its attempts and the others complete', async () => {
    const { queue, startWorker } = bull({ attempts: 3 });
    const poison = await queue.add('poison', {}, { jobId: 'poison-1' });
    const good = await Promise.all([1, 2, 3].map((n) => queue.add('good', { n }, { jobId: `good-${n}` })));
    let poisonRuns = 0;
    startWorker(async (job: Job) => {
      if (job.name !== 'poison') return 'ok';
      poisonRuns += 1;
      throw new Error('cannot render this one');
    });
    await waitFor('the poison job to fail', async () => (await stateOf(queue, poison.id!)) === 'failed');
    for (const job of good)
      await waitFor('a good job', async () => (await stateOf(queue, job.id!)) === 'completed');
    expect(poisonRuns).toBe(3);
    expect((await queue.getJob(poison.id!))?.attemptsMade).toBe(3);
  });

  it('When a report job has an invalid payload, then it fails once: UnrecoverableError skips the retries', async () => {
    const { queue, startWorker } = bull({ attempts: 5 });
    await queue.add('build-report', { reportId: 'not-a-uuid', kind: 'stock' }, { jobId: 'bad-payload' });
    startWorker(reportJobHandler({ pool: db.pool }));
    await waitFor('the failure', async () => (await stateOf(queue, 'bad-payload')) === 'failed');
    const job = await queue.getJob('bad-payload');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/reportId/);
  });

  it('When the same report is added twice, then BullMQ holds one job', async () => {
    const { queue } = bull();
    const reportId = randomUUID();
    const first = await addReportJob(queue, { reportId, kind: 'stock' });
    const second = await addReportJob(queue, { reportId, kind: 'stock' });
    expect(second.id).toBe(first.id);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('When a payload is too large, then it is refused before it reaches Redis', async () => {
    const { queue } = bull();
    const payload = { reportId: randomUUID(), kind: 'stock' as const, note: 'x'.repeat(200) };
    await expect(addReportJob(queue, payload, 100)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await queue.count()).toBe(0);
  });

  it('When more jobs complete than retention keeps, then only the newest completed jobs stay', async () => {
    const { queue, startWorker } = bull({ keepCompleted: { count: 2, ageSeconds: 3_600 } });
    for (let n = 1; n <= 5; n += 1) await queue.add('quick', { n }, { jobId: `quick-${n}` });
    startWorker(async () => 'ok');
    await waitFor('the last job', async () => (await stateOf(queue, 'quick-5')) === 'completed');
    await waitFor('retention', async () => (await queue.getJobCounts('completed')).completed === 2);
  });

  it('When Redis goes away, then the producer fails fast instead of queueing the job in memory, and recovers', async () => {
    const server = await startPrivateRedis();
    const producer = producerConnection(server.url);
    producer.on('error', () => {});
    let queue: Queue | undefined;
    try {
      queue = createReportQueue({ name: 'fail-fast', connection: producer });
      queue.on('error', () => {});
      await addReportJob(queue, { reportId: randomUUID(), kind: 'stock' });
      await server.crash();
      await waitFor('the producer to notice', () => producer.status !== 'ready');
      const began = Date.now();
      await expect(addReportJob(queue, { reportId: randomUUID(), kind: 'stock' })).rejects.toThrow(
        /enableOfflineQueue/,
      );
      expect(Date.now() - began).toBeLessThan(1_000);
      // Back on the same port, the producer reconnects by itself and adds jobs again. (Closed while it still
      // waits to reconnect, ioredis would also leave a 2 s timer behind.)
      await server.start();
      await waitFor('the producer to reconnect', () => producer.status === 'ready', 10_000);
      await expect(addReportJob(queue, { reportId: randomUUID(), kind: 'stock' })).resolves.toBeDefined();
    } finally {
      producer.disconnect();
      await queue?.close().catch(() => {});
      await server.destroy();
    }
  });

  it('When the worker is stopped with a budget, then a job that outlasts it is left for the stalled-job check', async () => {
    const { queue, startWorker } = bull();
    await queue.add('slow', {}, { jobId: 'slow-1' });
    let started = false;
    let finishSlowJob: () => void = () => {};
    const slowJob = new Promise<void>((resolve) => (finishSlowJob = resolve));
    const worker = startWorker(async () => {
      started = true;
      await slowJob;
    });
    // Closed in reverse order: this runs before the workers' close(), which would wait for the job.
    opened.push({ close: async () => finishSlowJob() });
    await waitFor('the job to start', () => started);
    expect(await stopBullWorker(worker, 200)).toBe('forced');
    expect(await stateOf(queue, 'slow-1')).toBe('active');
    // Another worker finds the lock expired and runs the job again.
    let reran = false;
    startWorker(async () => {
      reran = true;
      return 'second time';
    });
    await waitFor('the stalled job to run again', () => reran, 10_000);
  });
});
