import { exercise } from '@course/test-harness';
import { useTestRedis } from '@course/test-harness/redis';
import { CacheAside } from '@target/cache/cache-aside';
import { BOOK_LISTS, listKey } from '@target/cache/cache-keys';
import { jitteredTtl } from '@target/cache/jitter';
import { RedisCache } from '@target/cache/redis-cache';
import { gate, keysWithTtl } from './support/redis-keys';

const redis = useTestRedis();
let keyCounter = 0;
/** A fresh key per test, so that tests never read each other's values. */
const freshKey = (label: string) => `${label}:${++keyCounter}`;

function cacheAside(options: Partial<ConstructorParameters<typeof CacheAside>[0]> = {}) {
  const cache = new RedisCache({ redis: redis.client, timeoutMs: 1000 });
  return new CacheAside({ cache, ttlMs: 60_000, beta: 0, ...options });
}

const isText = (value: unknown): value is string => typeof value === 'string';

exercise('5.2', () => {
  it('When a key is read twice, then the loader runs once and the second read comes from Redis', async () => {
    const aside = cacheAside();
    const key = freshKey('book');
    const load = jest.fn(async () => ({ title: 'Kindred', year: 1979 }));
    expect(await aside.read(key, load)).toEqual({ title: 'Kindred', year: 1979 });
    expect(await aside.read(key, load)).toEqual({ title: 'Kindred', year: 1979 });
    expect(load).toHaveBeenCalledTimes(1);
    const stored = JSON.parse((await redis.client.get(key))!);
    expect(stored).toEqual(expect.objectContaining({ value: { title: 'Kindred', year: 1979 } }));
  });

  it('When Redis holds text that is not JSON, then get() is a miss and the key is deleted', async () => {
    const cache = new RedisCache({ redis: redis.client, timeoutMs: 1000 });
    const key = freshKey('garbage');
    await redis.client.set(key, '{"value": "cut off', 'PX', 60_000);
    expect(await cache.get(key, isText)).toBeUndefined();
    expect(await redis.client.exists(key)).toBe(0);
  });

  it('When Redis holds JSON of the wrong shape, then get() is a miss and the key is deleted', async () => {
    const cache = new RedisCache({ redis: redis.client, timeoutMs: 1000 });
    const key = freshKey('shape');
    await redis.client.set(key, '{"title": 42}', 'PX', 60_000);
    expect(await cache.get(key, isText)).toBeUndefined();
    expect(await redis.client.exists(key)).toBe(0);
  });

  it('When the cached value is garbage, then a read loads again and replaces it', async () => {
    const aside = cacheAside();
    const key = freshKey('replaced');
    await redis.client.set(key, 'not json at all', 'PX', 60_000);
    expect(await aside.read(key, async () => 'fresh')).toBe('fresh');
    expect(JSON.parse((await redis.client.get(key))!).value).toBe('fresh');
  });

  it('When a value is cached, then its TTL is the configured one stretched by the jitter', async () => {
    const aside = cacheAside({ ttlMs: 60_000, jitter: 0.1, random: () => 1 });
    const key = freshKey('jitter');
    await aside.read(key, async () => 1);
    const pttl = await redis.client.pttl(key);
    expect(pttl).toBeGreaterThan(65_000);
    expect(pttl).toBeLessThanOrEqual(66_000);
  });

  it('When jitteredTtl() is given a random number, then it adds that part of the spread', () => {
    expect(jitteredTtl(100_000, 0.2, () => 0.5)).toBe(110_000);
    expect(jitteredTtl(100_000, 0.2, () => 1)).toBe(120_000);
    expect(jitteredTtl(100_000, 0, () => 1)).toBe(100_000);
  });

  it('When a load fails, then the error reaches the caller and nothing is cached', async () => {
    const aside = cacheAside();
    const key = freshKey('failing');
    await expect(aside.read(key, () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect(await redis.client.exists(key)).toBe(0);
    expect(await aside.read(key, async () => 'second try')).toBe('second try');
  });

  it('When the key is invalidated while a load is in flight, then the load does not store its old value', async () => {
    const aside = cacheAside();
    const key = freshKey('race');
    const loadFinished = gate();
    // The load has read the old row and is on its way back when the writer commits and invalidates.
    const inFlight = aside.read(key, async () => {
      await loadFinished.opened;
      return 'old row';
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await aside.invalidate(key);
    loadFinished.open();
    expect(await inFlight).toBe('old row');

    expect(await redis.client.exists(key)).toBe(0);
    expect(await aside.read(key, async () => 'new row')).toBe('new row');
    expect(await aside.read(key, async () => 'never loaded')).toBe('new row');
  });

  it('When keys are cached and invalidated, then every key in Redis has a TTL', async () => {
    const aside = cacheAside();
    const key = freshKey('ttl');
    await aside.read(key, async () => 'v1');
    await aside.invalidate(key);
    await aside.read(key, async () => 'v2');
    const keys = await keysWithTtl(redis);
    expect(keys.length).toBeGreaterThan(1);
    expect(keys.filter(({ pttl }) => pttl <= 0)).toEqual([]);
  });

  it('When a list query is long, then its key stays short', () => {
    const key = listKey(BOOK_LISTS, '7', { q: 'x'.repeat(100_000), limit: 20, offset: 0 });
    expect(key.length).toBeLessThanOrEqual(100);
    expect(key.startsWith(`${BOOK_LISTS}:v7:`)).toBe(true);
  });

  it('When two queries differ only in where a separator falls, then their keys differ', () => {
    expect(listKey(BOOK_LISTS, '1', { q: 'a:b' })).not.toBe(
      listKey(BOOK_LISTS, '1', { q: 'a', authorId: 'b' }),
    );
    expect(listKey(BOOK_LISTS, '1', { q: 'a', sort: 'b' })).not.toBe(
      listKey(BOOK_LISTS, '1', { q: 'b', sort: 'a' }),
    );
    expect(listKey(BOOK_LISTS, '1', { q: '1' })).not.toBe(listKey(BOOK_LISTS, '1', { q: 1 }));
  });

  it('When the same query lists its fields in another order, then the key is the same', () => {
    expect(listKey(BOOK_LISTS, '1', { q: 'a', limit: 5 })).toBe(
      listKey(BOOK_LISTS, '1', { limit: 5, q: 'a' }),
    );
  });

  it('When the version changes, then the key changes', () => {
    expect(listKey(BOOK_LISTS, '1', { q: 'a' })).not.toBe(listKey(BOOK_LISTS, '2', { q: 'a' }));
  });
});
