import { scaffold } from '@course/test-harness';
import { spawnTarget, useQueueTest, waitFor } from './support';

const { redis } = useQueueTest();

scaffold('why in-process jobs get lost', () => {
  it('When a worker that pops jobs with RPOP is killed mid-batch, then the jobs it held are gone', async () => {
    const total = 200;
    const list = 'naive:naive';
    await redis.client.lpush(
      list,
      ...Array.from({ length: total }, (_, i) => JSON.stringify({ id: `job-${i}` })),
    );
    const worker = spawnTarget('naive-worker.main.ts', {
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.prefix,
      QUEUE_NAME: 'naive',
      WORKER_CONCURRENCY: 10,
      NAIVE_WORK_MS: 30,
    });
    await waitFor('50 jobs done', async () => (await redis.client.scard(`${list}:done`)) >= 50);
    worker.process.kill('SIGKILL');
    await worker.exited;

    const done = await redis.client.scard(`${list}:done`);
    const waiting = await redis.client.llen(list);
    const lost = total - done - waiting;
    // Each of the 10 slots had popped a job and not finished it: nothing anywhere remembers those jobs.
    expect(lost).toBeGreaterThan(0);
  });
});
