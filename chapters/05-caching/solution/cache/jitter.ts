import { systemRandom, type Random } from './clock';

/**
 * Stretches a TTL by a random part of up to `spread` (0.1 = up to 10% longer), so that keys written together, say
 * after a deploy emptied the cache, do not all expire together and send every request to the database at once.
 */
export function jitteredTtl(ttlMs: number, spread: number, random: Random = systemRandom): number {
  // #exercise 5.2
  return Math.round(ttlMs * (1 + spread * random()));
  // #starter
  // return ttlMs;
  // #end
}
