import {
  cacheKey,
  RedisCache,
  representationCodec,
  toJsonRepresentation,
  type JsonRepresentation,
} from '@course/platform/cache';
import type { Logger } from '@course/platform/logging';
import type { Redis } from 'ioredis';

/**
 * What anonymous readers see (articles, one article, tags), cached on Redis until the next write that could change
 * it. A reader with a token gets `favorited` and `following` of their own, so only anonymous reads are cached.
 *
 * What is cached is the response body as it goes on the wire, with its ETag, so that a hit is sent without parsing
 * or serialising 12 kB of JSON. Controllers read it, after tsoa has validated the query, and key it on the validated
 * values: a client cannot fill the cache with junk query strings. Services call {@link changed} after their writes.
 */
export interface PublicReads {
  /** The anonymous answer to `namespace` with `query`, serialised: cached, or what `load` returns, then cached. */
  read(namespace: string, query: object, load: () => Promise<object>): Promise<JsonRepresentation>;
  /** Call once a write that anonymous readers could see has committed: every cached answer is stale from now on. */
  changed(): Promise<void>;
}

/** Caching off: every read loads, and is serialised as res.json() would. */
export const UNCACHED: PublicReads = {
  read: async (_namespace, _query, load) => toJsonRepresentation(await load()),
  changed: async () => {},
};

/** The generation that every key names; bumping it retires every cached answer at once. */
const GENERATION = 'public-reads';

export interface PublicReadCacheOptions {
  redis: Redis;
  ttlMs: number;
  /** How long one Redis call may take before the cache steps aside and the read goes to PostgreSQL. */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Cache-aside with one generation for everything public. Per-key invalidation would be finer, but a new article
 * changes every list page it could appear on, and a changed username changes every article of its author: working
 * out which keys a write touches is where stale pages come from. A write bumps the generation after its commit;
 * readers then build keys of the new generation, and a load that raced the write can only fill a key of the old one,
 * which nobody reads again and which expires.
 */
export function publicReadCache({ redis, ttlMs, timeoutMs, logger }: PublicReadCacheOptions): PublicReads {
  const cache = new RedisCache({ redis, ttlMs, timeoutMs, logger, codec: representationCodec });
  return {
    read: (namespace, query, load) =>
      // One round trip on a hit: the generation and the value come back together.
      cache.readInGeneration(
        GENERATION,
        (generation) => cacheKey(`public:${generation}:${namespace}`, query),
        async () => toJsonRepresentation(await load()),
      ),
    changed: () => cache.invalidate(GENERATION),
  };
}
