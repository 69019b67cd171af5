import { exercise } from '@course/test-harness';
import { PermanentJobError } from '@target/queue/job.errors';
import type { Job } from '@target/queue/job.types';
import { reportJobHandler } from '@target/reports/report.job';
import { startWorker, useQueueTest, waitFor, waitForDeadLetter } from './support';

const { db, redis, makeQueue } = useQueueTest();

exercise('6.4', () => {
  it('When a delivery fails on the last attempt, then the job goes to the dead-letter list with its error', async () => {
    const queue = makeQueue({ maxAttempts: 1 });
    const id = await queue.enqueue('build-report', {});
    const [job] = await queue.fetch(redis.createClient(), 1);
    expect(await queue.fail(job!, new Error('out of paper'))).toBe('dead');
    expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 0, dead: 1 });
    expect(await queue.deadLetters()).toEqual([
      expect.objectContaining({ id, state: 'dead', attempts: 1, error: 'out of paper' }),
    ]);
  });

  it('When a poison job fails every time, then it is dead after N attempts and the other jobs all complete', async () => {
    const queue = makeQueue({ maxAttempts: 3, backoff: { baseMs: 10, capMs: 20 } });
    const poison = await queue.enqueue('poison', {});
    const good: string[] = [];
    for (let i = 0; i < 20; i += 1) good.push(await queue.enqueue('good', { i }));
    let poisonRuns = 0;
    await startWorker({
      queue,
      concurrency: 2,
      pollMs: 10,
      handler: async (job: Job) => {
        if (job.name === 'poison') {
          poisonRuns += 1;
          throw new Error('cannot render this one');
        }
        return 'ok';
      },
    });
    await waitForDeadLetter(queue, poison, 3);
    await waitFor('the good jobs', async () => {
      const states = await Promise.all(good.map(async (id) => (await queue.getJob(id))?.state));
      return states.every((state) => state === 'completed');
    });
    expect(poisonRuns).toBe(3);
    expect(await queue.getJob(poison)).toMatchObject({ attempts: 3, error: 'cannot render this one' });
    expect(await redis.client.lrange(queue.keys.dead, 0, -1)).toEqual([poison]);
  });

  it('When a report job has an invalid payload, then it fails once, without retries', async () => {
    const queue = makeQueue({ maxAttempts: 5, backoff: { baseMs: 10, capMs: 20 } });
    const id = await queue.enqueue('build-report', { reportId: 'not-a-uuid', kind: 'stock' });
    const handler = reportJobHandler({ pool: db.pool });
    let runs = 0;
    await startWorker({ queue, pollMs: 10, handler: (job) => ((runs += 1), handler(job)) });
    await waitForDeadLetter(queue, id, 1);
    expect(runs).toBe(1);
    expect(await queue.getJob(id)).toMatchObject({ attempts: 1, error: expect.stringMatching(/reportId/) });
  });

  it('When a handler throws PermanentJobError, then the job is dead at once whatever attempts are left', async () => {
    const queue = makeQueue({ maxAttempts: 5 });
    await queue.enqueue('build-report', {});
    const [job] = await queue.fetch(redis.createClient(), 1);
    expect(await queue.fail(job!, new PermanentJobError('the book was deleted'))).toBe('dead');
  });

  it('When a dead letter is replayed, then it runs again with fresh attempts', async () => {
    const queue = makeQueue({ maxAttempts: 2, backoff: { baseMs: 5, capMs: 10 } });
    const id = await queue.enqueue('build-report', { fixed: false });
    let broken = true;
    await startWorker({
      queue,
      pollMs: 10,
      handler: async () => {
        if (broken) throw new Error('template missing');
        return 'rendered';
      },
    });
    await waitForDeadLetter(queue, id, 2);
    broken = false;
    expect(await queue.replay(id)).toBe(true);
    await waitFor('completion', async () => (await queue.getJob(id))?.state === 'completed');
    expect(await queue.getJob(id)).toMatchObject({ attempts: 1, result: 'rendered' });
    expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 0, dead: 0 });
  });

  it('When a job that is not dead is replayed, then nothing changes', async () => {
    const queue = makeQueue();
    const id = await queue.enqueue('build-report', {});
    expect(await queue.replay(id)).toBe(false);
    expect(await queue.replay('no-such-job')).toBe(false);
    expect(await redis.client.lrange(queue.keys.ready, 0, -1)).toEqual([id]);
  });
});
