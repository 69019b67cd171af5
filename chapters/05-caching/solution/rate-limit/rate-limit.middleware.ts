import { AppError } from '@course/platform/errors';
import type { Request, RequestHandler } from 'express';
import { silentLogger, type WarnLogger } from '../cache/cache-logger';
import { withTimeout } from '../redis/with-timeout';
import '../errors/rate-limit-error-codes';
import { setRateLimitHeaders } from './rate-limit-headers';
import type { RateLimiter, RateLimitResult } from './rate-limiter';

export interface RateLimitOptions {
  limiter: RateLimiter;
  /** The name of the quota in the RateLimit headers. */
  policy: string;
  /** Who is counted: a user id when the caller proved one, otherwise the client's address. */
  keyOf: (req: Request) => string;
  /**
   * When the limiter cannot answer in time: 'open' lets requests through (the API stays up, unlimited for a
   * while), 'closed' refuses them with 503 (nothing gets past the limit, nothing gets through at all).
   */
  onUnavailable: 'open' | 'closed';
  timeoutMs: number;
  logger?: WarnLogger;
}

/** Counts every request against the caller's quota, and answers 429 with Retry-After once it is spent. */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { limiter, policy, keyOf, onUnavailable, timeoutMs, logger = silentLogger } = options;
  return async (req, res, next) => {
    let result: RateLimitResult;
    try {
      result = await withTimeout(limiter.hit(keyOf(req)), timeoutMs, 'rate limiter');
    } catch (error) {
      // #exercise 5.8
      logger.warn('rate limiter unavailable', { onUnavailable, error: String(error) });
      if (onUnavailable === 'open') return next();
      throw new AppError({
        code: 'RATE_LIMIT_UNAVAILABLE',
        message: 'Requests cannot be counted right now; try again shortly.',
        headers: { 'Retry-After': '5' },
        cause: error,
      });
      // #starter
      // return next(error);
      // #end
    }
    // #exercise 5.6
    setRateLimitHeaders(res, policy, limiter.windowMs, result);
    if (!result.allowed) {
      const seconds = Math.max(1, Math.ceil(result.resetMs / 1000));
      // Retry-After in seconds (RFC 9110 §10.2.3), which a 429 may carry (RFC 6585 §4).
      throw new AppError({
        code: 'RATE_LIMITED',
        message: `Rate limit of ${result.limit} requests exceeded; try again in ${seconds} seconds.`,
        headers: { 'Retry-After': String(seconds) },
      });
    }
    // #starter
    // #end
    next();
  };
}
