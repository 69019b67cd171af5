import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';
import './error-codes';

/** What {@link LoginThrottle} needs. */
export interface LoginThrottleOptions {
  redis: Redis;
  windowSeconds: number;
  maxAttemptsPerAccount: number;
  maxAttemptsPerIp: number;
  /** `login` by default. */
  keyPrefix?: string;
}

/**
 * Login throttling on Redis: check() counts the attempt, atomically, for the account and for the address before the
 * password is checked, and refuses with 429 TOO_MANY_LOGIN_ATTEMPTS and Retry-After once either is over its limit;
 * record() gives a success back (the account starts over, the address gets the attempt back). Concurrent guesses
 * are all counted, so none slips past a check that the others have not been counted in yet.
 */
export class LoginThrottle {
  readonly #accounts: RateLimiterRedis;
  readonly #addresses: RateLimiterRedis;

  constructor({
    redis,
    windowSeconds,
    maxAttemptsPerAccount,
    maxAttemptsPerIp,
    keyPrefix = 'login',
  }: LoginThrottleOptions) {
    const common = { storeClient: redis, duration: windowSeconds, rejectIfRedisNotReady: true };
    this.#accounts = new RateLimiterRedis({
      ...common,
      keyPrefix: `${keyPrefix}:account`,
      points: maxAttemptsPerAccount,
    });
    this.#addresses = new RateLimiterRedis({
      ...common,
      keyPrefix: `${keyPrefix}:ip`,
      points: maxAttemptsPerIp,
    });
  }

  /** Counts the attempt; throws 429 with Retry-After when the account or the address is over its limit. */
  async check(email: string, ip: string): Promise<void> {
    const results = await Promise.allSettled([
      this.#accounts.consume(accountKey(email)),
      this.#addresses.consume(ip),
    ]);
    let waitMs = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') continue;
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      waitMs = Math.max(waitMs, result.reason.msBeforeNext);
    }
    if (waitMs > 0 || results.some((r) => r.status === 'rejected')) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new AppError({
        code: 'TOO_MANY_LOGIN_ATTEMPTS',
        message: `Too many login attempts; try again in ${seconds} seconds.`,
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }

  /** Settles the attempt that check() counted: a success is given back, a failure stays counted. */
  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    if (!succeeded) return;
    await Promise.all([this.#accounts.delete(accountKey(email)), this.#addresses.reward(ip, 1)]);
  }
}

/** Emails are input: hashed, the key stays short whatever was typed, and case does not make a new account. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}
