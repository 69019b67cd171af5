import { silentLogger, type WarnLogger } from './cache-logger';
import { systemClock, systemRandom, type Clock, type Random } from './clock';
import { jitteredTtl } from './jitter';
import type { RedisCache } from './redis-cache';
import { SingleFlight } from './single-flight';
import { shouldRefreshEarly, type Freshness } from './xfetch';

/** How a value is stored: the value, and what XFetch needs to refresh it before it expires. */
interface Envelope<T> extends Freshness {
  value: T;
}

function isEnvelope(raw: unknown): raw is Envelope<unknown> {
  if (typeof raw !== 'object' || raw === null || !('value' in raw)) return false;
  const { deltaMs, expiresAt } = raw as Record<string, unknown>;
  return typeof deltaMs === 'number' && typeof expiresAt === 'number';
}

/** A TTL in milliseconds, or one that depends on the loaded value. */
export type TtlOf<T> = number | ((value: T) => number);

export interface CacheAsideOptions {
  cache: RedisCache;
  /** The TTL before jitter. */
  ttlMs: number;
  /** Up to this part of the TTL is added at random (see jitteredTtl). */
  jitter?: number;
  /** XFetch's beta; 0 turns early refreshes off. */
  beta?: number;
  now?: Clock;
  random?: Random;
  logger?: WarnLogger;
  /** Who runs the loads; one SingleFlight per CacheAside by default. */
  flights?: Pick<SingleFlight, 'run'>;
}

/**
 * Cache-aside: read the cache; on a miss, load from the source of truth and store the result. Writers call
 * invalidate() after their transaction has committed. Loads of one key are shared (single-flight), and a hot key
 * is refreshed in the background shortly before it expires (XFetch), so its expiry stalls nobody.
 */
export class CacheAside {
  readonly #cache: RedisCache;
  readonly #ttlMs: number;
  readonly #jitter: number;
  readonly #beta: number;
  readonly #now: Clock;
  readonly #random: Random;
  readonly #logger: WarnLogger;
  readonly #flights: Pick<SingleFlight, 'run'>;

  constructor(options: CacheAsideOptions) {
    this.#cache = options.cache;
    this.#ttlMs = options.ttlMs;
    this.#jitter = options.jitter ?? 0.1;
    this.#beta = options.beta ?? 1;
    this.#now = options.now ?? systemClock;
    this.#random = options.random ?? systemRandom;
    this.#logger = options.logger ?? silentLogger;
    this.#flights = options.flights ?? new SingleFlight();
  }

  /**
   * The cached value of `key`, or what `load` returns, which is then cached for `ttlMs` (a function of the value,
   * when a "not found" should be cached more briefly than a row). Errors are never cached.
   */
  async read<T>(key: string, load: () => Promise<T>, ttlMs: TtlOf<T> = this.#ttlMs): Promise<T> {
    const hit = await this.#cache.get(key, isEnvelope);
    if (hit === undefined) return this.#flights.run(key, () => this.#load(key, load, ttlMs));
    if (shouldRefreshEarly(hit, this.#now(), this.#beta, this.#random)) {
      // The caller gets the cached value now; one background load replaces it before it expires.
      this.#flights
        .run(key, () => this.#load(key, load, ttlMs))
        .catch((error: unknown) => {
          this.#logger.warn('early refresh failed; the cached value stays until it expires', {
            key,
            error: String(error),
          });
        });
    }
    return hit.value as T;
  }

  /** Call after the write has committed: before, a reader could cache the old row again right away. */
  async invalidate(key: string): Promise<void> {
    await this.#cache.invalidate(key);
  }

  /** The version of `key`, for keys that name a generation, such as every page of a list. */
  async version(key: string): Promise<string> {
    return (await this.#cache.version(key)) ?? '0';
  }

  async #load<T>(key: string, load: () => Promise<T>, ttlMs: TtlOf<T>): Promise<T> {
    // #exercise 5.2: Cache-aside on Redis. Stuck? pnpm course hint 5.2
    throw new Error('Exercise 5.2 is not done yet: Cache-aside on Redis');
    // #end
  }
}
