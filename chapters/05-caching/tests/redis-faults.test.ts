import { exercise } from '@course/test-harness';
import type { Redis } from 'ioredis';
import { CacheAside } from '@target/cache/cache-aside';
import { RedisCache } from '@target/cache/redis-cache';
import { createRedisClient } from '@target/redis/redis-client';
import { TimeoutError, withTimeout } from '@target/redis/with-timeout';
import { startRedisServer, type OwnRedisServer } from './support/redis-server';

const TIMEOUT_MS = 150;
let server: OwnRedisServer;
let client: Redis;
const warnings: Array<{ message: string; meta?: Record<string, unknown> }> = [];
const logger = {
  warn: (message: string, meta?: Record<string, unknown>) => warnings.push({ message, meta }),
};

beforeAll(async () => {
  server = await startRedisServer();
  // The client's own command timeout is longer than the cache's on purpose: the cache must not depend on it.
  client = createRedisClient({ url: server.url, commandTimeoutMs: 500 });
  client.on('error', () => undefined);
  await client.connect();
});
afterAll(async () => {
  server.thaw();
  client.disconnect();
  await server.stop();
});

function cacheAside() {
  return new CacheAside({
    cache: new RedisCache({ redis: client, timeoutMs: TIMEOUT_MS, logger }),
    ttlMs: 60_000,
  });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

exercise('5.8', () => {
  it('When the work does not settle in time, then withTimeout() rejects with a TimeoutError', async () => {
    const never = new Promise<string>(() => undefined);
    const outcome = await Promise.race([
      withTimeout(never, 50, 'GET').then(
        () => 'resolved',
        (error: unknown) => error,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after a second'), 1000)),
    ]);
    expect(outcome).toBeInstanceOf(TimeoutError);
  });

  it('When the work settles in time, then withTimeout() passes its value or error through', async () => {
    expect(await withTimeout(Promise.resolve(42), 1000, 'GET')).toBe(42);
    await expect(withTimeout(Promise.reject(new Error('WRONGTYPE')), 1000, 'GET')).rejects.toThrow(
      'WRONGTYPE',
    );
  });

  it('When Redis is healthy, then the cache on the own server answers from Redis', async () => {
    const aside = cacheAside();
    const load = jest.fn(async () => 'from the database');
    await aside.read('healthy', load);
    expect(await aside.read('healthy', load)).toBe('from the database');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('When Redis hangs, then a read fails open within the timeout and serves from the database', async () => {
    const aside = cacheAside();
    await aside.read('frozen', async () => 'cached before');
    warnings.length = 0;
    server.freeze();
    try {
      const load = jest.fn(async () => 'from the database');
      const { value, ms } = await timed(aside.read('frozen', load));
      expect(value).toBe('from the database');
      expect(load).toHaveBeenCalledTimes(1);
      // The read waited for GET, for the version and for the write: each gives up after TIMEOUT_MS.
      expect(ms).toBeLessThan(TIMEOUT_MS * 3 + 500);
      expect(warnings[0]).toEqual(expect.objectContaining({ message: expect.stringMatching(/cache/) }));
      await expect(aside.invalidate('frozen')).resolves.toBeUndefined();
    } finally {
      server.thaw();
    }
  });

  it('When Redis comes back after hanging, then the cache works again', async () => {
    const aside = cacheAside();
    await aside.read('back', async () => 'v1');
    expect(await aside.read('back', async () => 'not loaded')).toBe('v1');
  });

  it('When Redis is down, then reads and invalidations fail open at once and nothing hangs', async () => {
    const aside = cacheAside();
    await server.stop();
    const load = jest.fn(async () => 'from the database');
    const { value, ms } = await timed(
      Promise.all(Array.from({ length: 20 }, (_, i) => aside.read(`down:${i % 2}`, load))),
    );
    expect(value).toEqual(Array(20).fill('from the database'));
    expect(ms).toBeLessThan(TIMEOUT_MS * 3 + 500);
    await expect(aside.invalidate('down:0')).resolves.toBeUndefined();
  });
});
