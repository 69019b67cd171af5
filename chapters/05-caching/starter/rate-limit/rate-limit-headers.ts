import type { Response } from 'express';
import type { RateLimitResult } from './rate-limiter';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): RateLimit-Policy names the quota
 * (q requests per w seconds), RateLimit tells what is left of it (r) and in how many seconds it resets (t).
 * Both are structured fields (RFC 8941): a quoted policy name followed by parameters.
 */
export function setRateLimitHeaders(
  res: Response,
  policy: string,
  windowMs: number,
  result: RateLimitResult,
): void {
  // #exercise 5.6: A fixed-window rate limit. Stuck? pnpm course hint 5.6
  // #end
}
