import { memoryLogger } from '@course/test-harness/logs';
import { useTestRedis } from '@course/test-harness/redis';
import { cacheKey, memoryCache, RedisCache, representationCodec, toJsonRepresentation } from '.';

const redis = useTestRedis();
let keys = 0;
const freshKey = () => `cache:${++keys}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function redisCache(client = redis.client) {
  const { logger, logs } = memoryLogger();
  return { cache: new RedisCache({ redis: client, ttlMs: 60_000, timeoutMs: 500, logger }), logs };
}

describe('memoryCache() on lru-cache', () => {
  it('When the cache is full, then the least recently used entry goes', () => {
    const cache = memoryCache<string, number>({ max: 2, ttlMs: 60_000 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('When 50 fetches of one key run at once, then one load serves them all', async () => {
    const load = jest.fn(async (key: string) => {
      await pause(20);
      return `value of ${key}`;
    });
    const cache = memoryCache<string, string>({ max: 10, ttlMs: 60_000, load });
    const values = await Promise.all(Array.from({ length: 50 }, () => cache.fetch('k')));
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(values)).toEqual(new Set(['value of k']));
  });
});

describe('RedisCache', () => {
  it('When a key is read twice, then it loads once, and the value has a TTL', async () => {
    const { cache } = redisCache();
    const key = freshKey();
    const load = jest.fn(async () => ({ title: 'Lilith’s Brood' }));
    await cache.read(key, load);
    expect(await cache.read(key, load)).toEqual({ title: 'Lilith’s Brood' });
    expect(load).toHaveBeenCalledTimes(1);
    const pttl = await redis.client.pttl(key);
    expect(pttl).toBeGreaterThan(59_000);
    expect(pttl).toBeLessThanOrEqual(66_000);
  });

  it('When the cached text is not what was written, then it is a miss and is replaced', async () => {
    const { cache } = redisCache();
    const key = freshKey();
    await redis.client.set(key, '{"cut off', 'PX', 60_000);
    expect(await cache.read(key, async () => 'fresh')).toBe('fresh');
    expect(JSON.parse((await redis.client.get(key))!)).toEqual({ value: 'fresh' });
  });

  it('When 50 misses of one key run at once, then one load serves them; a failure reaches all and is not cached', async () => {
    const { cache } = redisCache();
    const key = freshKey();
    const failing = jest.fn(async () => {
      await pause(20);
      throw new Error('database down');
    });
    const failed = await Promise.allSettled(Array.from({ length: 50 }, () => cache.read(key, failing)));
    expect(failing).toHaveBeenCalledTimes(1);
    expect(failed.every((o) => o.status === 'rejected')).toBe(true);
    const working = jest.fn(async () => {
      await pause(20);
      return 'row';
    });
    await Promise.all(Array.from({ length: 50 }, () => cache.read(key, working)));
    expect(working).toHaveBeenCalledTimes(1);
  });

  it('When the key is invalidated while a load is in flight, then the load stores nothing', async () => {
    const { cache } = redisCache();
    const key = freshKey();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const stale = cache.read(key, async () => {
      await held;
      return 'old row';
    });
    await pause(20);
    await cache.invalidate(key);
    release();
    expect(await stale).toBe('old row');
    expect(await cache.read(key, async () => 'new row')).toBe('new row');
    expect(await redis.client.pttl(`version:${key}`)).toBeGreaterThan(0);
  });

  it('When Redis is unreachable, then reads fail open to the load, and invalidations do not throw', async () => {
    const closed = redis.createClient();
    await closed.quit();
    const { cache, logs } = redisCache(closed);
    expect(await cache.read('k', async () => 'from the database')).toBe('from the database');
    await expect(cache.invalidate('k')).resolves.toBeUndefined();
    expect(
      await cache.readInGeneration(
        'g',
        (g) => `k:${g}`,
        async () => 'also',
      ),
    ).toBe('also');
    await expect(cache.invalidate('k')).resolves.toBeUndefined();
    expect(logs.some((entry) => entry.message === 'cache unavailable; serving without it')).toBe(true);
  });
});

describe('RedisCache.readInGeneration()', () => {
  it('When a value is cached in its generation, then a read is one MGET and nothing else', async () => {
    const { cache } = redisCache();
    const generation = freshKey();
    const keyOf = (g: string) => `${generation}:page:${g}`;
    const load = jest.fn(async () => ['Kindred', 'Dawn']);
    await cache.readInGeneration(generation, keyOf, load);
    const commands = ['get', 'getBuffer', 'mget', 'mgetBuffer', 'eval', 'del'] as const;
    const spies = commands.map((command) => jest.spyOn(redis.client, command));
    try {
      expect(await cache.readInGeneration(generation, keyOf, load)).toEqual(['Kindred', 'Dawn']);
      expect(spies.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 1, 0, 0]);
      expect(load).toHaveBeenCalledTimes(1);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('When another process bumps the generation, then the next read loads again and never returns the old value', async () => {
    const here = redisCache().cache;
    const elsewhere = redisCache().cache;
    const generation = freshKey();
    const keyOf = (g: string) => `${generation}:page:${g}`;
    expect(await here.readInGeneration(generation, keyOf, async () => 'before')).toBe('before');
    await elsewhere.invalidate(generation);
    // The old generation's value is still in Redis; only the generation says it is stale.
    expect(await redis.client.exists(keyOf('0'))).toBe(1);
    expect(await here.readInGeneration(generation, keyOf, async () => 'after')).toBe('after');
    expect(await here.readInGeneration(generation, keyOf, async () => 'not loaded')).toBe('after');
    expect(await elsewhere.readInGeneration(generation, keyOf, async () => 'not loaded')).toBe('after');
  });
});

describe('RedisCache with representationCodec', () => {
  function representationCache() {
    const { logger } = memoryLogger();
    return new RedisCache({
      redis: redis.client,
      ttlMs: 60_000,
      timeoutMs: 500,
      logger,
      codec: representationCodec,
    });
  }

  it('When a representation is read twice, then the second read returns the stored bytes and ETag, unparsed', async () => {
    const cache = representationCache();
    const key = freshKey();
    const value = { articles: [{ title: 'Kindred — “1976”' }], articlesCount: 1 };
    const load = jest.fn(async () => toJsonRepresentation(value));
    const first = await cache.read(key, load);
    const second = await cache.read(key, load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(second.etag).toBe(first.etag);
    expect(second.body.equals(Buffer.from(JSON.stringify(value)))).toBe(true);
    expect((await redis.client.getBuffer(key))!.toString()).toBe(`${first.etag}\n${JSON.stringify(value)}`);
  });

  it('When the key holds something the codec did not write, then it is a miss and is replaced', async () => {
    const cache = representationCache();
    for (const garbage of ['{"articles":[]}', 'W/"not an etag"\n{}', '']) {
      const key = freshKey();
      await redis.client.set(key, garbage, 'PX', 60_000);
      const fresh = await cache.read(key, async () => toJsonRepresentation({ tags: ['fresh'] }));
      expect(fresh.body.toString()).toBe('{"tags":["fresh"]}');
      expect((await redis.client.get(key))!.endsWith('\n{"tags":["fresh"]}')).toBe(true);
    }
  });
});

describe('cacheKey()', () => {
  it('When queries are huge, reordered or shaped to collide, then keys stay short, equal, and apart', () => {
    expect(cacheKey('books', { q: 'x'.repeat(100_000) }).length).toBeLessThan(60);
    expect(cacheKey('books', { a: 1, b: 2 })).toBe(cacheKey('books', { b: 2, a: 1 }));
    expect(cacheKey('books', { q: 'a:b' })).not.toBe(cacheKey('books', { q: 'a', author: 'b' }));
  });
});
