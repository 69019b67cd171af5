/** The verdict on one request, with what the RateLimit headers tell the client. */
export interface RateLimitResult {
  allowed: boolean;
  /** Requests per window. */
  limit: number;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Milliseconds until a request will be allowed again (when denied), or until the window resets. */
  resetMs: number;
}

/** Counts one request for `key` and says whether it is allowed. */
export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  hit(key: string): Promise<RateLimitResult>;
}
