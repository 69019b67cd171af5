import { systemClock, type Clock } from './clock';

export interface LruCacheOptions {
  /** How many entries the cache holds; setting one more evicts the least recently used. */
  max: number;
  /** How long an entry lives unless set() says otherwise. */
  ttlMs: number;
  now?: Clock;
}

interface Entry<V> {
  value: V;
  expiresAt: number;
}

/**
 * An in-process cache with a size bound and a time to live. A Map iterates in insertion order, so deleting a key
 * and setting it again moves it to the end: the first key is always the least recently used one.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, Entry<V>>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: Clock;

  constructor({ max, ttlMs, now = systemClock }: LruCacheOptions) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive integer');
    if (!(ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    this.#max = max;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** The value, or undefined when there is none or it has expired. A hit makes the key the most recently used. */
  get(key: K): V | undefined {
    // #exercise 5.1: An LRU cache with a TTL. Stuck? pnpm course hint 5.1
    throw new Error('Exercise 5.1 is not done yet: get()');
    // #end
  }

  /** Stores the value as the most recently used, and evicts the least recently used entries beyond `max`. */
  set(key: K, value: V, ttlMs: number = this.#ttlMs): void {
    // #exercise 5.1: An LRU cache with a TTL. Stuck? pnpm course hint 5.1
    throw new Error('Exercise 5.1 is not done yet: set()');
    // #end
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  /** Entries held, expired ones included until a get() or an eviction removes them. */
  get size(): number {
    return this.#entries.size;
  }
}
