import { setTimeout as sleep } from 'node:timers/promises';
import { exercise } from '@course/test-harness';
import { PayloadTooLargeError } from '@target/queue/job.errors';
import { useQueueTest } from './support';

const { redis, makeQueue } = useQueueTest();

exercise('6.1', () => {
  it('When jobs are enqueued, then fetch hands them out oldest first and moves them to processing', async () => {
    const queue = makeQueue();
    const first = await queue.enqueue('build-report', { n: 1 });
    const second = await queue.enqueue('build-report', { n: 2 });
    const blocking = redis.createClient();

    const jobs = await queue.fetch(blocking, 1);
    expect(jobs).toEqual([
      { id: first, name: 'build-report', payload: { n: 1 }, attempts: 1, maxAttempts: 5 },
    ]);
    expect(await redis.client.lrange(queue.keys.processing, 0, -1)).toEqual([first]);
    expect(await redis.client.lrange(queue.keys.ready, 0, -1)).toEqual([second]);
    expect((await queue.getJob(first))?.state).toBe('active');
  });

  it('When a job is fetched, then it gets a visibility deadline and its delivery is counted', async () => {
    const queue = makeQueue({ visibilityMs: 5_000 });
    const id = await queue.enqueue('build-report', {});
    const before = Date.now();
    await queue.fetch(redis.createClient(), 10);
    const deadline = Number(await redis.client.zscore(queue.keys.deadlines, id));
    expect(deadline).toBeGreaterThanOrEqual(before + 5_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 5_000);
    expect((await queue.getJob(id))?.attempts).toBe(1);
  });

  it('When several jobs are ready, then one fetch claims up to max of them at once', async () => {
    const queue = makeQueue();
    for (let i = 0; i < 5; i += 1) await queue.enqueue('build-report', { i });
    const jobs = await queue.fetch(redis.createClient(), 3);
    expect(jobs.map((job) => job.payload)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(await redis.client.zcard(queue.keys.deadlines)).toBe(3);
  });

  it('When the queue is empty, then fetch waits with BLMOVE and returns a job enqueued meanwhile', async () => {
    const queue = makeQueue();
    const fetching = queue.fetch(redis.createClient(), 5, 2);
    await sleep(150);
    const id = await queue.enqueue('build-report', { late: true });
    const jobs = await fetching;
    expect(jobs.map((job) => job.id)).toEqual([id]);
    expect(await redis.client.zscore(queue.keys.deadlines, id)).not.toBeNull();
    expect(jobs[0]?.attempts).toBe(1);
  });

  it('When nothing arrives within the timeout, then fetch returns an empty list', async () => {
    const queue = makeQueue();
    await expect(queue.fetch(redis.createClient(), 5, 0.1)).resolves.toEqual([]);
  });

  it('When a job is acknowledged, then it leaves processing and its deadline, and its result is kept', async () => {
    const queue = makeQueue({ retentionSeconds: 60 });
    const id = await queue.enqueue('build-report', {});
    const [job] = await queue.fetch(redis.createClient(), 1);
    await queue.ack(job!, { pages: 3 });

    expect(await redis.client.llen(queue.keys.processing)).toBe(0);
    expect(await redis.client.zcard(queue.keys.deadlines)).toBe(0);
    expect(await queue.getJob(id)).toMatchObject({ state: 'completed', result: { pages: 3 }, attempts: 1 });
    const ttl = await redis.client.ttl(queue.keys.job + id);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it('When a payload is larger than the limit, then enqueue refuses it and Redis holds nothing', async () => {
    const queue = makeQueue({ maxPayloadBytes: 1_024 });
    // 600 characters, 1,200 bytes in UTF-8: the limit is about bytes.
    const big = { text: 'é'.repeat(600) };
    await expect(queue.enqueue('build-report', big)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await queue.counts()).toEqual({ ready: 0, processing: 0, delayed: 0, dead: 0 });
    await expect(queue.enqueue('build-report', { text: 'é'.repeat(400) })).resolves.toEqual(
      expect.any(String),
    );
  });

  it('When the same job id is enqueued twice, then the queue holds it once', async () => {
    const queue = makeQueue();
    await queue.enqueue('build-report', { n: 1 }, { id: 'report-7' });
    await queue.enqueue('build-report', { n: 2 }, { id: 'report-7' });
    expect(await redis.client.lrange(queue.keys.ready, 0, -1)).toEqual(['report-7']);
    expect((await queue.getJob('report-7'))?.payload).toEqual({ n: 1 });
  });
});
