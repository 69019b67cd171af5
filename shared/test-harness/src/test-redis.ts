import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { CONNECT_TIMEOUT_MS, packageName, redisUrl, serviceError } from './services';

export interface CreateTestRedisOptions {
  /** Goes into the key prefix; defaults to the package at the working directory. */
  label?: string;
  /** Defaults to REDIS_URL, then to the local server. */
  url?: string;
}

/** A key space of its own for one test file on the shared Redis server. */
export interface TestRedis {
  /** Every key of this test file starts with it: `test:<package>:<pid>:<random>:`. */
  readonly prefix: string;
  readonly url: string;
  /** A connected client whose keys are prefixed with `prefix` automatically (ioredis `keyPrefix`). */
  readonly client: Redis;
  /**
   * Another client with the same prefix, for a subscriber or a blocking command; it is closed with the others.
   * `options` override the defaults, for example `{ maxRetriesPerRequest: null }` where a library requires it.
   */
  createClient(options?: RedisOptions): Redis;
  /** Quits every client made here. The keys stay; cleanupRedis deletes them. */
  close(): Promise<void>;
}

/**
 * Fail fast when Redis is down: a short connect timeout and no reconnecting, instead of ioredis's endless retries,
 * so a test reports the problem at once instead of hanging until jest's timeout. A test that needs reconnects
 * passes its own `retryStrategy` to createClient.
 */
const FAIL_FAST: RedisOptions = {
  connectTimeout: CONNECT_TIMEOUT_MS,
  retryStrategy: () => null,
};

/** Connects to the test server and picks a fresh key prefix for the caller. */
export async function createTestRedis(options: CreateTestRedisOptions = {}): Promise<TestRedis> {
  const url = options.url ?? redisUrl();
  const label = (options.label ?? packageName()).toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const prefix = `test:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const redis = new PrefixedRedis(url, prefix);
  await redis.connect();
  return redis;
}

/** Deletes every key under the prefix and quits every client. */
export async function cleanupRedis(redis: TestRedis): Promise<void> {
  try {
    await deleteKeys(redis.url, redis.prefix);
  } finally {
    await redis.close();
  }
}

/** Deletes the keys that start with `prefix`, and returns how many there were. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  // ioredis applies keyPrefix to keys but not to SCAN patterns, so this uses a client without one.
  const plain = await connect(new Redis(url, { ...FAIL_FAST, lazyConnect: true }), url);
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await plain.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) deleted += await plain.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    await quit(plain);
  }
}

async function connect(client: Redis, url: string): Promise<Redis> {
  // connect() only rejects with "Connection is closed."; the reason (ECONNREFUSED, ...) comes as an error event.
  let reason: unknown;
  const remember = (error: unknown) => (reason = error);
  client.on('error', remember);
  try {
    await client.connect();
    return client;
  } catch (error) {
    // Without retries a failed client has already ended; disconnecting it again would leave a 2 s timer behind.
    if (client.status !== 'end') client.disconnect();
    throw serviceError('Redis', url, reason ?? error);
  } finally {
    client.off('error', remember);
  }
}

/** Quits a client and waits until its socket is closed, so jest has no open handle left once cleanup returns. */
async function quit(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    const ended = new Promise((resolve) => client.once('end', resolve));
    await client.quit();
    await ended;
  } else if (client.status !== 'end') {
    client.disconnect();
  }
}

class PrefixedRedis implements TestRedis {
  readonly client: Redis;
  #clients: Redis[] = [];

  constructor(
    readonly url: string,
    readonly prefix: string,
  ) {
    this.client = this.#track(new Redis(url, { ...FAIL_FAST, keyPrefix: prefix, lazyConnect: true }));
  }

  async connect(): Promise<void> {
    await connect(this.client, this.url);
  }

  createClient(options: RedisOptions = {}): Redis {
    return this.#track(new Redis(this.url, { ...FAIL_FAST, keyPrefix: this.prefix, ...options }));
  }

  async close(): Promise<void> {
    const clients = this.#clients;
    this.#clients = [];
    await Promise.all(clients.map(quit));
  }

  #track(client: Redis): Redis {
    this.#clients.push(client);
    return client;
  }
}
