import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '@course/platform/errors';
import type { RateLimitConfig } from '../config';

function limiter(redis: Redis, keyPrefix: string, points: number, duration: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration,
    // One Lua script increments and reads the counter, so concurrent attempts can never all read "under the limit".
    // While Redis is down, a per-process counter takes over instead of letting every attempt through.
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${keyPrefix}:insurance`, points, duration }),
  });
}

function tooMany(rejection: RateLimiterRes): AppError {
  const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new AppError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many attempts; retry in ${retryAfter} seconds.`,
    headers: { 'Retry-After': String(retryAfter) }, // RFC 9110 §10.2.3
  });
}

async function consume(limit: RateLimiterRedis, key: string): Promise<void> {
  try {
    await limit.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error);
    throw error;
  }
}

/** Limits on the two doors of password guessing and account spam: POST /users and POST /users/login. */
export function authRateLimits(redis: Redis, config: RateLimitConfig, prefix = 'rate-limit') {
  const window = config.windowSeconds;
  const registrations = limiter(redis, `${prefix}:register:ip`, config.registrationsPerIp, window);
  const loginsByIp = limiter(redis, `${prefix}:login:ip`, config.loginsPerIp, window);
  const loginsByEmail = limiter(redis, `${prefix}:login:email`, config.loginsPerEmail, window);

  const register: RequestHandler = async (req, _res, next) => {
    await consume(registrations, req.ip ?? 'unknown');
    next();
  };
  const login: RequestHandler = async (req, _res, next) => {
    await consume(loginsByIp, req.ip ?? 'unknown');
    // Spread over many addresses, guesses at one account still meet this limit.
    const email: unknown = req.body?.user?.email;
    if (typeof email === 'string' && email.trim() !== '')
      await consume(loginsByEmail, email.trim().toLowerCase());
    next();
  };
  return { register, login };
}
