import { Redis } from 'ioredis';

export interface RedisClientOptions {
  url: string;
  /** How long one command may take before it fails; the callers decide what a failure means. */
  commandTimeoutMs: number;
  keyPrefix?: string;
}

/**
 * A client that fails fast instead of waiting for Redis: by default ioredis queues commands while it reconnects
 * and retries each one 20 times, so a request would hang for as long as Redis is down. It still reconnects in the
 * background, so the cache comes back on its own.
 */
export function createRedisClient({ url, commandTimeoutMs, keyPrefix }: RedisClientOptions): Redis {
  return new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    enableOfflineQueue: false,
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(commandTimeoutMs, 1000),
    maxRetriesPerRequest: 0,
    // disconnect() waits this long for a stuck socket before it destroys it; no longer than a command may take.
    disconnectTimeout: commandTimeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
}
