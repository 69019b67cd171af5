import { exercise } from '@course/test-harness';
import { useTestRedis } from '@course/test-harness/redis';
import { FixedWindowLimiter } from '@target/rate-limit/fixed-window.limiter';
import { keysWithTtl } from './support/redis-keys';

const redis = useTestRedis();
let prefixCounter = 0;

/** A limiter with its own key prefix and a clock the test moves; windows start at multiples of windowMs. */
function limiter(limit: number, windowMs: number, start = 600_000_000) {
  const clock = { now: start };
  const instance = new FixedWindowLimiter({
    redis: redis.client,
    prefix: `rl:fixed:${++prefixCounter}`,
    limit,
    windowMs,
    now: () => clock.now,
  });
  return { limiter: instance, clock };
}

exercise('5.6', () => {
  it('When 1,000 attempts arrive at once against a limit of 100, then exactly 100 are allowed', async () => {
    const { limiter: fixed } = limiter(100, 60_000);
    const results = await Promise.all(Array.from({ length: 1000 }, () => fixed.hit('user:1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(100);
  });

  it('When requests come one by one, then remaining counts down to 0 and the next one is refused', async () => {
    const { limiter: fixed } = limiter(3, 60_000);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await fixed.hit('ip:203.0.113.9'));
    expect(results.map((r) => [r.allowed, r.remaining, r.limit])).toEqual([
      [true, 2, 3],
      [true, 1, 3],
      [true, 0, 3],
      [false, 0, 3],
    ]);
  });

  it('When a request is refused, then resetMs says how long until the window ends', async () => {
    const { limiter: fixed, clock } = limiter(1, 60_000);
    clock.now += 15_000;
    await fixed.hit('k');
    const refused = await fixed.hit('k');
    expect(refused).toEqual(expect.objectContaining({ allowed: false, resetMs: 45_000 }));
  });

  it('When the next window starts, then the count starts again', async () => {
    const { limiter: fixed, clock } = limiter(2, 1000);
    await fixed.hit('k');
    await fixed.hit('k');
    expect((await fixed.hit('k')).allowed).toBe(false);
    clock.now += 1000;
    expect(await fixed.hit('k')).toEqual(expect.objectContaining({ allowed: true, remaining: 1 }));
  });

  it('When two keys are counted, then one key running out does not touch the other', async () => {
    const { limiter: fixed } = limiter(1, 60_000);
    await fixed.hit('user:a');
    expect((await fixed.hit('user:a')).allowed).toBe(false);
    expect((await fixed.hit('user:b')).allowed).toBe(true);
  });

  it('When the limiter has counted, then every counter in Redis expires within the window', async () => {
    const { limiter: fixed } = limiter(5, 30_000);
    await Promise.all(Array.from({ length: 20 }, (_, i) => fixed.hit(`ttl:${i % 3}`)));
    const counters = (await keysWithTtl(redis)).filter(({ key }) =>
      key.startsWith(`rl:fixed:${prefixCounter}:`),
    );
    expect(counters).toHaveLength(3);
    for (const { key, pttl } of counters) {
      expect({ key, expires: pttl > 0 && pttl <= 30_000 }).toEqual({ key, expires: true });
    }
  });
});
