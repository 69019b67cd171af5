import type { RedisLoginThrottle } from './redis-login-throttle';

/** What the login of chapter 4 asks of a throttle: count an attempt before the password check, give a success back. */
export interface LoginThrottle {
  reserve(email: string, ip: string): Promise<void>;
  succeeded(email: string, ip: string): Promise<void>;
}

/** Chapter 4's login throttle, now counted in Redis by this chapter's RedisLoginThrottle. */
export function redisLoginThrottle(throttle: RedisLoginThrottle): LoginThrottle {
  return {
    reserve: (email, ip) => throttle.check(email, ip),
    succeeded: (email, ip) => throttle.record(email, ip, true),
  };
}
