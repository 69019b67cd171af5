import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../cache/clock';
import type { RateLimiter, RateLimitResult } from './rate-limiter';

// INCR and PEXPIRE in one script: Redis runs it without interleaving anything, so every hit is counted exactly
// once, and no crash between the two commands can leave a counter without a TTL, which would count forever.
const FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

export interface LimiterOptions {
  redis: Redis;
  /** Every key of this limiter starts with it, e.g. "rl:api". */
  prefix: string;
  limit: number;
  windowMs: number;
  now?: Clock;
}

/**
 * A fixed window: one counter per key per window of `windowMs`, aligned to the clock. Cheap (one key, one
 * round trip), but a client can spend its whole limit at the end of one window and again at the start of the
 * next: twice the limit in a moment.
 */
export class FixedWindowLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: Clock;

  constructor({ redis, prefix, limit, windowMs, now = systemClock }: LimiterOptions) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.limit = limit;
    this.windowMs = windowMs;
    this.#now = now;
  }

  async hit(key: string): Promise<RateLimitResult> {
    // #exercise 5.6
    const now = this.#now();
    const window = Math.floor(now / this.windowMs);
    const count = Number(
      await this.#redis.eval(FIXED_WINDOW, 1, `${this.#prefix}:${key}:${window}`, this.windowMs),
    );
    return {
      allowed: count <= this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - count),
      resetMs: (window + 1) * this.windowMs - now,
    };
    // #starter
    // // Admits everything until it is written, so that the Bookstore runs meanwhile, unlimited.
    // return { allowed: true, limit: this.limit, remaining: this.limit, resetMs: this.windowMs };
    // #end
  }
}
