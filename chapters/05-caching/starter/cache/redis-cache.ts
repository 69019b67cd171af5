import type { Redis } from 'ioredis';
import { withTimeout } from '../redis/with-timeout';
import { silentLogger, type WarnLogger } from './cache-logger';

// Writes the value only while the key's version is the one the loader read before it went to the database.
// One script, so that no invalidation can slip in between the comparison and the SET.
const SET_IF_VERSION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

// Bumps the version (so that a load already in flight cannot write its old value back) and deletes the value.
const INVALIDATE = `
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1`;

/** A version lives far longer than any load takes, and expires like every other key. */
export const VERSION_TTL_MS = 24 * 60 * 60 * 1000;

export interface RedisCacheOptions {
  redis: Redis;
  /** How long one cache operation may take before the cache counts as unavailable. */
  timeoutMs: number;
  logger?: WarnLogger;
}

/**
 * JSON values in Redis that fail open: when Redis is down, slow or holds garbage, a read is a miss and a write is
 * skipped, and the caller goes to the database. The cache may make the API faster; it must never make it fail.
 */
export class RedisCache {
  readonly #redis: Redis;
  readonly #timeoutMs: number;
  readonly #logger: WarnLogger;

  constructor({ redis, timeoutMs, logger = silentLogger }: RedisCacheOptions) {
    this.#redis = redis;
    this.#timeoutMs = timeoutMs;
    this.#logger = logger;
  }

  /** The value at `key` if it is JSON that `isValid` accepts; anything else is a miss, and is deleted. */
  async get<T>(key: string, isValid: (value: unknown) => value is T): Promise<T | undefined> {
    const raw = await this.#failOpen('GET', () => this.#redis.get(key), null);
    if (raw === null) return undefined;
    // #exercise 5.2: Cache-aside on Redis. Stuck? pnpm course hint 5.2
    return JSON.parse(raw) as T;
    // #end
  }

  /** The version of `key`: "0" until the first invalidation; undefined when Redis did not answer. */
  async version(key: string): Promise<string | undefined> {
    const version = await this.#failOpen('GET', () => this.#redis.get(versionKey(key)), undefined);
    return version === undefined ? undefined : (version ?? '0');
  }

  /** Stores `value` for `ttlMs`, unless `key` was invalidated after `version` was read. */
  async setIfVersion(key: string, value: unknown, ttlMs: number, version: string): Promise<boolean> {
    const json = JSON.stringify(value);
    const px = Math.max(1, Math.round(ttlMs));
    const stored = await this.#failOpen(
      'EVAL',
      () => this.#redis.eval(SET_IF_VERSION, 2, key, versionKey(key), version, json, px),
      0,
    );
    return stored === 1;
  }

  /** Deletes the value and bumps its version, so that no load that started earlier can store what it read. */
  async invalidate(key: string): Promise<void> {
    await this.#failOpen(
      'EVAL',
      () => this.#redis.eval(INVALIDATE, 2, key, versionKey(key), VERSION_TTL_MS),
      undefined,
    );
  }

  /** Runs one Redis operation; a failure or a timeout is logged and answered with `fallback`. */
  async #failOpen<T>(command: string, operation: () => Promise<T>, fallback: T): Promise<T> {
    // #exercise 5.8: When Redis is down or slow. Stuck? pnpm course hint 5.8
    return operation();
    // #end
  }
}

/** Where the version of `key` lives; it never collides with a value key, which never starts with "version:". */
export function versionKey(key: string): string {
  return `version:${key}`;
}
