import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';

/** What {@link redisRateLimiter} needs. */
export interface RedisRateLimiterOptions {
  redis: Redis;
  /** Every key of this limiter starts with it, such as `rl:api`. */
  keyPrefix: string;
  /** Requests per window. */
  points: number;
  durationSeconds: number;
  /**
   * Keep counting in this process's memory while Redis is down (each process then allows `points` on its own),
   * instead of failing open or closed. rate-limiter-flexible calls this the insurance limiter.
   */
  insurance?: boolean;
}

/**
 * A fixed-window limiter on Redis from rate-limiter-flexible: one atomic Lua script per request (INCR and PEXPIRE
 * together), and a rejection at once when the client is not connected instead of a queued command.
 */
export function redisRateLimiter(options: RedisRateLimiterOptions): RateLimiterRedis {
  const { redis, keyPrefix, points, durationSeconds, insurance = false } = options;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: durationSeconds,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance
      ? new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds })
      : undefined,
  });
}
