export interface BackoffOptions {
  /** The ceiling of the first retry's delay. */
  baseMs: number;
  /** No delay is ever longer. */
  capMs: number;
}

/**
 * Exponential backoff with full jitter: a random delay between 0 and min(cap, base * 2^(attempt - 1)).
 * The ceiling doubles with every attempt, so a struggling dependency gets room to recover; the randomness spreads
 * the retries of many jobs that failed together, so they do not come back together.
 * See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 *
 * @param attempt the attempt that just failed: 1 for the first delivery
 * @param random  a number in [0, 1); tests pass their own
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  // #exercise 6.3
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
  // #end
}
