import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../cache/clock';
import type { LimiterOptions } from './fixed-window.limiter';
import type { RateLimiter, RateLimitResult } from './rate-limiter';

// A sliding log: a sorted set of the times of the admitted hits. Drop those older than the window, count the
// rest, and admit only below the limit. A refused hit is not recorded: a client that keeps knocking while it is
// refused would otherwise never get back in.
const SLIDING_WINDOW = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, limit - count - 1, window}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, 0, tonumber(oldest[2]) + window - now}`;

/**
 * A sliding window: at most `limit` hits in any `windowMs`, whenever it starts. Exact, at the price of one
 * sorted-set entry per admitted hit.
 */
export class SlidingWindowLimiter implements RateLimiter {
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
    // #exercise 5.7
    const now = this.#now();
    // The member only has to be unique; two hits in one millisecond are two hits.
    const member = `${now}:${randomUUID()}`;
    const reply = await this.#redis.eval(
      SLIDING_WINDOW,
      1,
      `${this.#prefix}:${key}`,
      now,
      this.windowMs,
      this.limit,
      member,
    );
    const [allowed, remaining, resetMs] = reply as [number, number, number];
    return { allowed: allowed === 1, limit: this.limit, remaining, resetMs };
    // #end
  }
}
