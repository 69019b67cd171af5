import type { Request, RequestHandler, Response } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logging/logger';
import './error-codes';

/** What {@link rateLimit} needs. */
export interface RateLimitOptions {
  /** A limiter from rate-limiter-flexible, such as {@link redisRateLimiter}'s. */
  limiter: RateLimiterAbstract;
  /** The quota's name in the RateLimit headers. */
  policy: string;
  /** Who a request counts against; see {@link clientKey}. */
  keyOf(req: Request): string;
  /**
   * When the limiter fails or takes longer than `timeoutMs`: 'open' lets the request through, 'closed' answers 503
   * RATE_LIMIT_UNAVAILABLE. (A limiter with insurance does not fail while Redis is down.)
   */
  onUnavailable: 'open' | 'closed';
  timeoutMs: number;
  logger: Logger;
}

function setHeaders(
  res: Response,
  policy: string,
  limiter: RateLimiterAbstract,
  state: RateLimiterRes,
): void {
  // draft-ietf-httpapi-ratelimit-headers: the quota (q per w seconds), and what is left of it (r, reset in t).
  res.setHeader('RateLimit-Policy', `"${policy}";q=${limiter.points};w=${limiter.duration}`);
  res.setHeader(
    'RateLimit',
    `"${policy}";r=${state.remainingPoints};t=${Math.ceil(state.msBeforeNext / 1000)}`,
  );
}

/**
 * Counts every request against its key's quota: RateLimit and RateLimit-Policy on every answer, 429 RATE_LIMITED
 * with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3) once it is spent. Never waits longer than `timeoutMs`.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const { limiter, policy, keyOf, onUnavailable, timeoutMs, logger } = options;
  return async (req, res, next) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`rate limiter took longer than ${timeoutMs} ms`)), timeoutMs);
    });
    const consumed = limiter.consume(keyOf(req));
    consumed.catch(() => undefined);
    let state: RateLimiterRes;
    try {
      state = await Promise.race([consumed, timeout]);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        setHeaders(res, policy, limiter, error);
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new AppError({
          code: 'RATE_LIMITED',
          message: `Rate limit of ${limiter.points} requests exceeded; try again in ${seconds} seconds.`,
          headers: { 'Retry-After': String(seconds) },
        });
      }
      logger.warn('rate limiter unavailable', { onUnavailable, error: String(error) });
      if (onUnavailable === 'open') return next();
      throw new AppError({
        code: 'RATE_LIMIT_UNAVAILABLE',
        message: 'Requests cannot be counted right now; try again shortly.',
        headers: { 'Retry-After': '5' },
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
    setHeaders(res, policy, limiter, state);
    next();
  };
}
