import net from 'node:net';
import { useTestDatabase } from '@course/test-harness/postgres';
import { useTestRedis } from '@course/test-harness/redis';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PoolClient } from 'pg';
import { withTransaction } from '../database/transaction';
import {
  addJob,
  createJobQueue,
  createJobWorker,
  JOBS_SCHEMA_SQL,
  PayloadTooLargeError,
  PermanentJobError,
  producerConnection,
  relayOutbox,
  runOnce,
  stopWorker,
  workerConnection,
  writeToOutbox,
} from '.';

const db = useTestDatabase({
  schemaSql: `${JOBS_SCHEMA_SQL} CREATE TABLE effects (id bigserial PRIMARY KEY, job_id text NOT NULL);`,
});
const redis = useTestRedis();
beforeEach(() => db.truncate());

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

let names = 0;
function queueAndWorkers(options: { attempts?: number } = {}) {
  const name = `jobs${(names += 1)}`;
  const prefix = `${redis.prefix}bull`;
  const producer = producerConnection(redis.url);
  const queue = createJobQueue({ name, connection: producer, prefix, backoffMs: 10, ...options });
  closers.push(
    async () => producer.disconnect(),
    () => queue.close(),
  );
  const start = (
    handler: (job: { id?: string; data: unknown; attemptsMade: number }) => Promise<unknown>,
  ): Worker => {
    const connection: Redis = workerConnection(redis.url);
    const worker = createJobWorker({
      name,
      connection,
      prefix,
      handler,
      lockDurationMs: 1_000,
      stalledIntervalMs: 500,
    });
    closers.push(
      async () => connection.disconnect(),
      () => worker.close(),
    );
    return worker;
  };
  return { queue, start };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const stateOf = async (queue: Queue, id: string) => (await (await queue.getJob(id))?.getState()) ?? 'missing';
const storeEffect = (jobId: string) => async (client: PoolClient) => {
  await client.query('INSERT INTO effects (job_id) VALUES ($1)', [jobId]);
  return { stored: jobId };
};
const effects = async () =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM effects')).rows[0]!.n;

describe('jobs: the outbox', () => {
  it('When the transaction that wrote a job rolls back, then the relay has nothing to move', async () => {
    const { queue } = queueAndWorkers();
    await expect(
      withTransaction(db.pool, async (client) => {
        await writeToOutbox(client, { queue: queue.name, name: 'mail', payload: {}, jobId: 'job-a' });
        throw new Error('the request failed');
      }),
    ).rejects.toThrow('the request failed');
    expect(await relayOutbox({ pool: db.pool, queues: [queue] })).toBe(0);
  });

  it('When a committed job is relayed twice, then the queue holds it once, under its own id', async () => {
    const { queue } = queueAndWorkers();
    await withTransaction(db.pool, (client) =>
      writeToOutbox(client, { queue: queue.name, name: 'mail', payload: { to: 'a' }, jobId: 'job-b' }),
    );
    // What a relay that died before its commit did.
    await addJob(queue, 'mail', { to: 'a' }, { jobId: 'job-b' });
    expect(await relayOutbox({ pool: db.pool, queues: [queue] })).toBe(1);
    expect(await relayOutbox({ pool: db.pool, queues: [queue] })).toBe(0);
    expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
    expect((await queue.getJob('job-b'))?.data).toEqual({ to: 'a' });
  });

  it('When Redis cannot be reached, then the round fails within its timeout and the row stays pending', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const producer = producerConnection(`redis://127.0.0.1:${port}`, { retryStrategy: () => 1_000 });
    producer.on('error', () => {});
    const queue = createJobQueue({ name: 'unreachable', connection: producer });
    queue.on('error', () => {});
    closers.push(async () => producer.disconnect());
    await withTransaction(db.pool, (client) =>
      writeToOutbox(client, { queue: 'unreachable', name: 'mail', payload: {}, jobId: 'job-c' }),
    );
    await expect(relayOutbox({ pool: db.pool, queues: [queue], addTimeoutMs: 200 })).rejects.toThrow(
      /200 ms/,
    );
    const { rows } = await db.query('SELECT relayed_at FROM job_outbox');
    expect(rows).toEqual([{ relayed_at: null }]);
  });
});

describe('jobs: runOnce', () => {
  it('When ten deliveries of one job run at once, then the effect is applied once and all get its result', async () => {
    const runs = await Promise.all(
      Array.from({ length: 10 }, () => runOnce(db.pool, 'job-d', storeEffect('job-d'))),
    );
    expect(runs.filter((run) => run.applied)).toHaveLength(1);
    expect(runs.every((run) => run.result.stored === 'job-d')).toBe(true);
    expect(await effects()).toBe(1);
  });

  it('When the effect fails, then the guard is rolled back with it and the next delivery applies it', async () => {
    const failing = async (client: PoolClient) => {
      await storeEffect('job-e')(client);
      throw new Error('crash');
    };
    await expect(runOnce(db.pool, 'job-e', failing)).rejects.toThrow('crash');
    expect((await runOnce(db.pool, 'job-e', storeEffect('job-e'))).applied).toBe(true);
    expect(await effects()).toBe(1);
  });
});

describe('jobs: queue and worker', () => {
  it('When a job fails every time, then it is retried with backoff up to its attempts', async () => {
    const { queue, start } = queueAndWorkers({ attempts: 3 });
    await addJob(queue, 'flaky', {}, { jobId: 'job-f' });
    let runs = 0;
    start(async () => {
      runs += 1;
      throw new Error('down');
    });
    await until(async () => (await stateOf(queue, 'job-f')) === 'failed');
    expect(runs).toBe(3);
  });

  it('When the handler throws PermanentJobError, then the job fails after one attempt', async () => {
    const { queue, start } = queueAndWorkers({ attempts: 5 });
    await addJob(queue, 'invalid', {}, { jobId: 'job-g' });
    start(async () => {
      throw new PermanentJobError('invalid payload');
    });
    await until(async () => (await stateOf(queue, 'job-g')) === 'failed');
    expect((await queue.getJob('job-g'))?.attemptsMade).toBe(1);
  });

  it('When a payload is too large, then addJob refuses it before Redis', async () => {
    const { queue } = queueAndWorkers();
    await expect(
      addJob(queue, 'big', { text: 'é'.repeat(60) }, { maxPayloadBytes: 100 }),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await queue.count()).toBe(0);
  });

  it('When a job runs past the stop budget, then stopWorker returns and another worker picks the job up', async () => {
    const { queue, start } = queueAndWorkers();
    await addJob(queue, 'slow', {}, { jobId: 'job-h' });
    let started = false;
    const first = start(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    });
    await until(async () => started);
    expect(await stopWorker(first, 200)).toBe('forced');
    let reran = false;
    start(async () => {
      reran = true;
    });
    await until(async () => reran);
  });
});
