import { exercise } from '@course/test-harness';
import { useQueueTest } from './support';

const { redis, makeQueue } = useQueueTest();

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
});
