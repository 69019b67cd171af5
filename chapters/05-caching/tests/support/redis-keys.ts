import type { TestRedis } from '@course/test-harness/redis';

export interface KeyState {
  key: string;
  /** Milliseconds left; -1 means the key has no TTL and would live forever. */
  pttl: number;
}

/** Every key under the test file's prefix (without the prefix), with its TTL. */
export async function keysWithTtl(redis: TestRedis): Promise<KeyState[]> {
  // ioredis prefixes the keys of commands, not SCAN's pattern nor its results.
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.client.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 1000);
    keys.push(...found.map((key) => key.slice(redis.prefix.length)));
    cursor = next;
  } while (cursor !== '0');
  return Promise.all(keys.sort().map(async (key) => ({ key, pttl: await redis.client.pttl(key) })));
}

/** A promise that the test settles when it wants, to hold a load in flight. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
