import { exercise } from '@course/test-harness';
import { useTestRedis } from '@course/test-harness/redis';
import { CacheAside } from '@target/cache/cache-aside';
import { RedisCache } from '@target/cache/redis-cache';
import { SingleFlight } from '@target/cache/single-flight';
import { shouldRefreshEarly } from '@target/cache/xfetch';
import { gate } from './support/redis-keys';

const redis = useTestRedis();
let keyCounter = 0;
const freshKey = (label: string) => `${label}:${++keyCounter}`;
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

exercise('5.4', () => {
  it('When 50 requests miss one key at once, then the database is asked exactly once', async () => {
    const aside = new CacheAside({
      cache: new RedisCache({ redis: redis.client, timeoutMs: 1000 }),
      ttlMs: 60_000,
    });
    const key = freshKey('hot');
    const load = jest.fn(async () => {
      await settle();
      return { id: 'b1', title: 'Parable of the Sower' };
    });
    const results = await Promise.all(Array.from({ length: 50 }, () => aside.read(key, load)));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.title))).toEqual(new Set(['Parable of the Sower']));
  });

  it('When the shared load fails, then every waiter gets the error, and the next request loads again', async () => {
    const flights = new SingleFlight();
    const failure = new Error('connection reset');
    const work = jest.fn(async () => {
      await settle();
      throw failure;
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => flights.run('k', work)));
    expect(work).toHaveBeenCalledTimes(1);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason === failure)).toBe(true);
    expect(flights.size).toBe(0);
    expect(await flights.run('k', async () => 'recovered')).toBe('recovered');
  });

  it('When a load has finished, then the next one for the key runs again instead of reusing it', async () => {
    const flights = new SingleFlight();
    expect(await flights.run('k', async () => 1)).toBe(1);
    expect(await flights.run('k', async () => 2)).toBe(2);
    expect(flights.size).toBe(0);
  });

  it('When two keys miss at once, then each gets its own load', async () => {
    const flights = new SingleFlight();
    const [a, b] = await Promise.all([flights.run('a', async () => 'A'), flights.run('b', async () => 'B')]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('When the work throws before returning a promise, then the caller gets a rejection, not a throw', async () => {
    const flights = new SingleFlight();
    const work = (): Promise<never> => {
      throw new Error('sync failure');
    };
    await expect(flights.run('k', work)).rejects.toThrow('sync failure');
    expect(flights.size).toBe(0);
  });

  it('When the expiry is far, then XFetch does not refresh; when it is near or past, it does', () => {
    const entry = { deltaMs: 100, expiresAt: 10_000 };
    // -ln(0.01) is about 4.6: with a 100 ms load, refreshes start about 460 ms before the expiry.
    expect(shouldRefreshEarly(entry, 5_000, 1, () => 0.01)).toBe(false);
    expect(shouldRefreshEarly(entry, 9_600, 1, () => 0.01)).toBe(true);
    expect(shouldRefreshEarly(entry, 10_000, 1, () => 1)).toBe(true);
    expect(shouldRefreshEarly(entry, 9_999, 1, () => 1)).toBe(false);
  });

  it('When the load is slower or beta larger, then XFetch refreshes earlier', () => {
    const at = 9_000;
    expect(shouldRefreshEarly({ deltaMs: 100, expiresAt: 10_000 }, at, 1, () => 0.1)).toBe(false);
    expect(shouldRefreshEarly({ deltaMs: 1_000, expiresAt: 10_000 }, at, 1, () => 0.1)).toBe(true);
    expect(shouldRefreshEarly({ deltaMs: 100, expiresAt: 10_000 }, at, 5, () => 0.1)).toBe(true);
  });

  it('When a hot key nears its expiry, then readers get the cached value at once while one load refreshes it', async () => {
    let now = 1_000_000;
    const aside = new CacheAside({
      cache: new RedisCache({ redis: redis.client, timeoutMs: 1000 }),
      ttlMs: 10_000,
      jitter: 0,
      now: () => now,
      random: () => 0.01,
    });
    const key = freshKey('xfetch');
    await aside.read(key, async () => {
      now += 100; // the load takes 100 ms
      return 'v1';
    });

    now += 9_950; // 50 ms before the expiry
    const slowLoad = gate();
    const refresh = jest.fn(async () => {
      await slowLoad.opened;
      return 'v2';
    });
    const readers = await Promise.all(Array.from({ length: 20 }, () => aside.read(key, refresh)));
    expect(readers).toEqual(Array(20).fill('v1'));
    // The refresh runs in the background and reads the key's version from Redis before it loads: give it a moment.
    await settle();
    expect(refresh).toHaveBeenCalledTimes(1);

    slowLoad.open();
    await settle();
    expect(await aside.read(key, async () => 'not needed')).toBe('v2');
  });
});
