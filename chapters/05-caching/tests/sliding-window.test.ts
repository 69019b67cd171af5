import { exercise } from '@course/test-harness';
import { useTestRedis } from '@course/test-harness/redis';
import { FixedWindowLimiter } from '@target/rate-limit/fixed-window.limiter';
import type { RateLimiter } from '@target/rate-limit/rate-limiter';
import { SlidingWindowLimiter } from '@target/rate-limit/sliding-window.limiter';
import { keysWithTtl } from './support/redis-keys';

const redis = useTestRedis();
let prefixCounter = 0;
const WINDOW = 1000;
/** A multiple of the window, so that fixed windows start here. */
const START = 70_000_000;

function limiters(limit: number) {
  const clock = { now: START };
  const options = { redis: redis.client, limit, windowMs: WINDOW, now: () => clock.now };
  return {
    clock,
    fixed: new FixedWindowLimiter({ ...options, prefix: `rl:f:${++prefixCounter}` }),
    sliding: new SlidingWindowLimiter({ ...options, prefix: `rl:s:${prefixCounter}` }),
  };
}

async function admitted(limiter: RateLimiter, key: string, attempts: number): Promise<number> {
  const results = await Promise.all(Array.from({ length: attempts }, () => limiter.hit(key)));
  return results.filter((r) => r.allowed).length;
}

exercise('5.7', () => {
  it('When 100 requests come just before a window boundary and 100 just after, then the fixed window admits 200 and the sliding one 100', async () => {
    const { clock, fixed, sliding } = limiters(100);
    clock.now = START + WINDOW - 1;
    const before = [await admitted(fixed, 'k', 100), await admitted(sliding, 'k', 100)];
    clock.now = START + WINDOW;
    const after = [await admitted(fixed, 'k', 100), await admitted(sliding, 'k', 100)];
    expect({ fixed: before[0]! + after[0]!, sliding: before[1]! + after[1]! }).toEqual({
      fixed: 200,
      sliding: 100,
    });
  });

  it('When 1,000 attempts arrive at once against a limit of 100, then exactly 100 are allowed', async () => {
    const { sliding } = limiters(100);
    expect(await admitted(sliding, 'burst', 1000)).toBe(100);
  });

  it('When a window length has passed since a hit, then that hit no longer counts', async () => {
    const { clock, sliding } = limiters(2);
    await sliding.hit('k');
    clock.now += 400;
    await sliding.hit('k');
    expect((await sliding.hit('k')).allowed).toBe(false);
    clock.now += 599;
    expect((await sliding.hit('k')).allowed).toBe(false);
    clock.now += 1; // the first hit is now a full window old
    expect(await sliding.hit('k')).toEqual(expect.objectContaining({ allowed: true, remaining: 0 }));
    expect((await sliding.hit('k')).allowed).toBe(false);
  });

  it('When a request is refused, then resetMs is the time until the oldest counted hit leaves the window', async () => {
    const { clock, sliding } = limiters(2);
    await sliding.hit('k');
    clock.now += 300;
    expect(await sliding.hit('k')).toEqual(expect.objectContaining({ allowed: true, remaining: 0 }));
    clock.now += 100;
    expect(await sliding.hit('k')).toEqual({ allowed: false, limit: 2, remaining: 0, resetMs: 600 });
  });

  it('When a client keeps knocking while refused, then the refused hits do not push its next chance back', async () => {
    const { clock, sliding } = limiters(3);
    await admitted(sliding, 'k', 3);
    for (let i = 0; i < 9; i++) {
      clock.now += 100;
      expect((await sliding.hit('k')).allowed).toBe(false);
    }
    clock.now = START + WINDOW;
    expect(await admitted(sliding, 'k', 5)).toBe(3);
  });

  it('When the sliding window has counted, then its key expires within the window', async () => {
    const { sliding } = limiters(5);
    await admitted(sliding, 'ttl', 7);
    const keys = (await keysWithTtl(redis)).filter(({ key }) => key === `rl:s:${prefixCounter}:ttl`);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.pttl).toBeGreaterThan(0);
    expect(keys[0]!.pttl).toBeLessThanOrEqual(WINDOW);
  });
});
