import type { Random } from './clock';

/** What the cache keeps beside a value, so that a reader can decide to refresh it early. */
export interface Freshness {
  /** How long the last load took. */
  deltaMs: number;
  /** When the value expires, in milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * XFetch (Vattani, Chierichetti and Lowenstein, "Optimal Probabilistic Cache Stampede Prevention", VLDB 2015):
 * each reader refreshes early with a probability that rises as the expiry nears, and sooner for values that take
 * long to load. -log(random) is exponentially distributed, so usually one reader, well before the expiry, does
 * it. `beta` above 1 favours earlier refreshes; 1 is the paper's optimum.
 */
export function shouldRefreshEarly(
  { deltaMs, expiresAt }: Freshness,
  now: number,
  beta: number,
  random: Random,
): boolean {
  // #exercise 5.4
  return now - deltaMs * beta * Math.log(random()) >= expiresAt;
  // #starter
  // return false;
  // #end
}
