import { LRUCache } from 'lru-cache';

/** What {@link memoryCache} needs. */
export interface MemoryCacheOptions<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  /** How many entries the cache holds before it evicts the least recently used. */
  max: number;
  ttlMs: number;
  /**
   * Loads a missing or expired value for `fetch()`. Concurrent fetches of one key share one load (single-flight);
   * a failed load is not cached.
   */
  load?: (key: K) => Promise<V | undefined>;
  /** Serve the expired value while one background load replaces it (stale-while-revalidate). */
  staleWhileRevalidate?: boolean;
}

/**
 * An in-process LRU cache with a TTL, from lru-cache: O(1) with no timers, sized by count, with `fetch()` doing
 * single-flight and stale-while-revalidate. Each process has its own copy, so use it for data that may be a
 * little stale everywhere.
 *
 * @example
 * const keys = memoryCache<string, Jwks>({ max: 10, ttlMs: 60_000, load: (url) => fetchJwks(url) });
 * const jwks = await keys.fetch(issuerUrl);
 */
export function memoryCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>>(
  options: MemoryCacheOptions<K, V>,
): LRUCache<K, V> {
  const { max, ttlMs, load, staleWhileRevalidate = false } = options;
  return new LRUCache<K, V>({
    max,
    ttl: ttlMs,
    allowStale: staleWhileRevalidate,
    noDeleteOnStaleGet: staleWhileRevalidate,
    fetchMethod: load ? (key) => load(key) : undefined,
  });
}
