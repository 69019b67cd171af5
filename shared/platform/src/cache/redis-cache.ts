import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';

const SET_IF_VERSION = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

const INVALIDATE = `
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1`;

const VERSION_TTL_MS = 24 * 60 * 60 * 1000;

/** What {@link RedisCache} needs. */
export interface RedisCacheOptions<V = unknown> {
  redis: Redis;
  /** Default time to live, before jitter. */
  ttlMs: number;
  /** Up to this part of the TTL is added at random, so that keys written together don't expire together; 0.1. */
  jitter?: number;
  /** How long one Redis operation may take before the cache counts as unavailable. */
  timeoutMs: number;
  logger: Logger;
  /** How values are stored; JSON ({@link jsonCodec}) when left out. */
  codec?: CacheCodec<V>;
}

/** How {@link RedisCache} turns a value into what Redis stores, and back. */
export interface CacheCodec<V> {
  encode(value: V): string | Buffer;
  /** The value in an envelope, or undefined when `stored` is not something encode() wrote (garbage: a miss). */
  decode(stored: Buffer): { value: V } | undefined;
}

/** Any value that survives JSON, stored as `{"value": …}` so that what another writer left under the key shows. */
export const jsonCodec: CacheCodec<unknown> = {
  encode: (value) => JSON.stringify({ value }),
  decode(stored) {
    try {
      const parsed: unknown = JSON.parse(stored.toString());
      return typeof parsed === 'object' && parsed !== null && 'value' in parsed ? parsed : undefined;
    } catch {
      return undefined;
    }
  },
};

/** A TTL in milliseconds, or one that depends on the loaded value (shorter for "not found"). */
export type TtlOf<T> = number | ((value: T) => number);

/**
 * Cache-aside on Redis, failing open: a read that Redis can't answer in time, or that finds something other than
 * what was written, is a miss (garbage is deleted), and the caller's load runs. Concurrent misses of one key in
 * this process share one load; errors are never cached. Writers call {@link invalidate} after their commit; it
 * bumps the key's version, and a load that started before stores nothing, so no stale value is written back.
 * Values must survive JSON (dates come back as strings), unless another codec stores them.
 */
export class RedisCache<V = unknown> {
  readonly #options: Required<RedisCacheOptions<V>>;
  readonly #loads = new Map<string, Promise<unknown>>();
  /** The generation this process last saw of each generation key, for {@link readInGeneration}'s first guess. */
  readonly #generations = new Map<string, string>();

  constructor(options: RedisCacheOptions<V>) {
    this.#options = { jitter: 0.1, codec: jsonCodec as CacheCodec<V>, ...options };
  }

  /** The cached value of `key`, or what `load` returns, which is then cached. */
  async read<T extends V>(
    key: string,
    load: () => Promise<T>,
    ttlMs: TtlOf<T> = this.#options.ttlMs,
  ): Promise<T> {
    const raw = await this.#safely('GET', () => this.#options.redis.getBuffer(key), null);
    return this.#hitOrLoad(key, raw, load, ttlMs);
  }

  /**
   * Like {@link read}, for a value whose key names a generation: `keyOf(generation)`, where the generation is the
   * version of `generationKey`, which {@link invalidate} bumps. One MGET fetches the generation and the value under
   * the generation this process saw last, so a hit costs one round trip instead of two. MGET is atomic: when the
   * generation has moved on, the reply says so, the value is ignored, and the key of the new generation is read.
   * `generationKey` is a fixed name (one per kind of data), not a per-request key: each one is remembered.
   */
  async readInGeneration<T extends V>(
    generationKey: string,
    keyOf: (generation: string) => string,
    load: () => Promise<T>,
    ttlMs: TtlOf<T> = this.#options.ttlMs,
  ): Promise<T> {
    const { redis } = this.#options;
    const guess = this.#generations.get(generationKey) ?? '0';
    const reply = await this.#safely(
      'MGET',
      () => redis.mgetBuffer(versionKey(generationKey), keyOf(guess)),
      null,
    );
    // Redis did not answer: read() would fail open too, so go straight to the load.
    if (reply === null) return load();
    const generation = reply[0]?.toString() ?? '0';
    this.#generations.set(generationKey, generation);
    if (generation === guess) return this.#hitOrLoad(keyOf(generation), reply[1] ?? null, load, ttlMs);
    return this.read(keyOf(generation), load, ttlMs);
  }

  /** `raw` is what Redis holds at `key`: its value if it is one of ours, else one shared load. */
  async #hitOrLoad<T extends V>(
    key: string,
    raw: Buffer | null,
    load: () => Promise<T>,
    ttlMs: TtlOf<T>,
  ): Promise<T> {
    if (raw !== null) {
      const envelope = this.#options.codec.decode(raw);
      if (envelope) return envelope.value as T;
      await this.#safely('DEL', () => this.#options.redis.del(key), 0);
    }
    const running = this.#loads.get(key);
    if (running) return running as Promise<T>;
    const loading = this.#load(key, load, ttlMs).finally(() => this.#loads.delete(key));
    this.#loads.set(key, loading);
    return loading;
  }

  /** Deletes the value and bumps its version; call it after the write has committed. */
  async invalidate(key: string): Promise<void> {
    const { redis } = this.#options;
    await this.#safely('EVAL', () => redis.eval(INVALIDATE, 2, key, versionKey(key), VERSION_TTL_MS), 0);
  }

  /** The key's version ("0" before any invalidation): put it in keys that name a generation, such as list pages. */
  async version(key: string): Promise<string> {
    return (await this.#safely('GET', () => this.#options.redis.get(versionKey(key)), null)) ?? '0';
  }

  async #load<T extends V>(key: string, load: () => Promise<T>, ttlMs: TtlOf<T>): Promise<T> {
    const { redis, jitter, codec } = this.#options;
    const version = await this.#safely('GET', () => redis.get(versionKey(key)), undefined);
    const value = await load();
    if (version === undefined) return value;
    const base = typeof ttlMs === 'function' ? ttlMs(value) : ttlMs;
    const ttl = Math.max(1, Math.round(base * (1 + jitter * Math.random())));
    const stored = codec.encode(value);
    await this.#safely(
      'EVAL',
      () => redis.eval(SET_IF_VERSION, 2, key, versionKey(key), version ?? '0', stored, ttl),
      0,
    );
    return value;
  }

  async #safely<T>(command: string, operation: () => Promise<T>, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const work = operation();
    work.catch(() => undefined);
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Redis ${command} timed out`)), this.#options.timeoutMs);
        }),
      ]);
    } catch (error) {
      this.#options.logger.warn('cache unavailable; serving without it', { command, error: String(error) });
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }
}

function versionKey(key: string): string {
  return `version:${key}`;
}
