import { Redis } from 'ioredis';
import { redisUrl, useTestRedis, type TestRedis } from './redis';

async function keysUnder(prefix: string): Promise<string[]> {
  const plain = new Redis(redisUrl());
  try {
    return await plain.keys(`${prefix}*`);
  } finally {
    await plain.quit();
  }
}

// Assigned while jest collects the describe below, so the first and last tests can look at it from outside.
let redis: TestRedis;
let usedPrefix = '';
const usedClients: Redis[] = [];

it('When the clients are used before their beforeAll ran, then it throws a clear error', () => {
  expect(() => redis.client).toThrow(/do not exist until its beforeAll has run/);
});

describe('useTestRedis', () => {
  redis = useTestRedis();
  const other = useTestRedis();

  it('When the client writes a key, then it is stored under the file’s prefix', async () => {
    usedPrefix = redis.prefix;
    usedClients.push(redis.client);

    await redis.client.set('greeting', 'hello');

    expect(redis.prefix).toMatch(new RegExp(`^test:test-harness:${process.pid}:[0-9a-f]{8}:$`));
    expect(await keysUnder(redis.prefix)).toEqual([`${redis.prefix}greeting`]);
  });

  it('When another client is created, then it shares the prefix', async () => {
    const extra = redis.createClient();
    usedClients.push(extra);
    await redis.client.hset('session', 'user', '42');

    expect(await extra.hget('session', 'user')).toBe('42');
  });

  it('When a file uses Redis twice, then the two prefixes differ and their keys do not mix', async () => {
    await other.client.set('greeting', 'other');

    expect(other.prefix).not.toBe(redis.prefix);
    expect(await redis.client.get('greeting')).toBe('hello');
  });
});

it('When the afterAll has run, then no key is left under the prefix and every client is closed', async () => {
  expect(usedPrefix).not.toBe('');
  expect(await keysUnder(usedPrefix)).toEqual([]);
  expect(usedClients.map((client) => client.status)).toEqual(['end', 'end']);
  expect(() => redis.prefix).toThrow(/afterAll has deleted the keys/);
});
