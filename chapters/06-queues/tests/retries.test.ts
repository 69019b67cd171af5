import { exercise } from '@course/test-harness';
import { backoffDelay } from '@target/queue/backoff';
import type { Job } from '@target/queue/job.types';
import { startWorker, useQueueTest, waitFor } from './support';

const { redis, makeQueue } = useQueueTest();

exercise('6.3', () => {
  const options = { baseMs: 100, capMs: 1_000 };

  it('When the random number is near 1, then the delay is near a ceiling that doubles per attempt up to the cap', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, top))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('When the random number is 0, then the delay is 0: full jitter spreads retries over the whole range', () => {
    expect(backoffDelay(4, options, () => 0)).toBe(0);
    expect(backoffDelay(4, options, () => 0.5)).toBe(400);
  });

  it('When many jobs fail together, then their retry delays spread over the range instead of bunching', () => {
    const delays = Array.from({ length: 1_000 }, () => backoffDelay(3, options));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(400);
    expect(new Set(delays).size).toBeGreaterThan(200);
    expect(delays.filter((delay) => delay < 200).length).toBeGreaterThan(350);
    expect(delays.filter((delay) => delay >= 200).length).toBeGreaterThan(350);
  });

  it('When a delivery fails, then the job waits in the delayed set until its backoff has passed', async () => {
    let now = 1_000_000;
    const queue = makeQueue({ now: () => now, backoff: { baseMs: 1_000, capMs: 1_000 } });
    const id = await queue.enqueue('build-report', {});
    const [job] = await queue.fetch(redis.createClient(), 1);
    expect(await queue.fail(job!, new Error('printer on fire'))).toBe('retried');

    const retryAt = Number(await redis.client.zscore(queue.keys.delayed, id));
    expect(retryAt).toBeGreaterThanOrEqual(now);
    expect(retryAt).toBeLessThan(now + 1_000);
    expect(await queue.getJob(id)).toMatchObject({
      state: 'delayed',
      error: 'printer on fire',
      runAt: retryAt,
    });
    expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 1, dead: 0 });

    now = retryAt - 1;
    expect(await queue.promote()).toBe(0);
    now = retryAt;
    expect(await queue.promote()).toBe(1);
    expect(await redis.client.lrange(queue.keys.ready, 0, -1)).toEqual([id]);
    expect((await queue.getJob(id))?.state).toBe('waiting');
  });

  it('When a job fails twice and then succeeds, then it completes on its third delivery', async () => {
    const queue = makeQueue({ backoff: { baseMs: 20, capMs: 50 } });
    const id = await queue.enqueue('flaky', {});
    const seen: number[] = [];
    await startWorker({
      queue,
      pollMs: 10,
      handler: async (job: Job) => {
        seen.push(job.attempts);
        if (job.attempts < 3) throw new Error(`attempt ${job.attempts} failed`);
        return 'ok';
      },
    });
    await waitFor('completion', async () => (await queue.getJob(id))?.state === 'completed');
    expect(seen).toEqual([1, 2, 3]);
    expect(await queue.getJob(id)).toMatchObject({ attempts: 3, result: 'ok' });
  });

  it('When a job is delayed, then it never runs before its time', async () => {
    const queue = makeQueue();
    const started = new Map<string, number>();
    const due = new Map<string, number>();
    for (const delayMs of [150, 300, 450]) {
      const enqueuedAt = Date.now();
      const id = await queue.enqueue('later', {}, { delayMs });
      due.set(id, enqueuedAt + delayMs);
    }
    expect(await queue.counts()).toMatchObject({ ready: 0, delayed: 3 });
    await startWorker({
      queue,
      pollMs: 10,
      handler: async (job: Job) => void started.set(job.id, Date.now()),
    });
    await waitFor('three runs', () => started.size === 3);
    for (const [id, at] of started) expect(at).toBeGreaterThanOrEqual(due.get(id)!);
  });

  it('When several workers promote at the same moment, then each due job is pushed once', async () => {
    const queue = makeQueue();
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) ids.push(await queue.enqueue('later', { i }, { delayMs: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const promoters = Array.from({ length: 5 }, () =>
      makeQueue({ name: queue.name, redis: redis.createClient() }),
    );
    await Promise.all(promoters.flatMap((promoter) => [promoter.promote(10), promoter.promote(10)]));
    const ready = await redis.client.lrange(queue.keys.ready, 0, -1);
    expect(ready.sort()).toEqual([...ids].sort());
  });
});
