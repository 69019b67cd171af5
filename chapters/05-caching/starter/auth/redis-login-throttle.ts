import { createHash } from 'node:crypto';
import { AppError } from '@course/platform/errors';
import type { Redis } from 'ioredis';
import '../errors/rate-limit-error-codes';

// Counts one attempt for the account and one for the address, and gives both a TTL, in one step: twenty
// concurrent guesses are twenty increments, and no guess can slip between a read of the count and its update.
const COUNT_ATTEMPT = `
local counts = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  if count == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
  counts[2 * i - 1] = count
  counts[2 * i] = redis.call('PTTL', key)
end
return counts`;

// A successful login clears the account's count: its owner has just proved who they are. The address only gets
// this attempt back, or an attacker with an account of their own could log into it between guesses at others'.
// DECR on a key that has expired would create one without a TTL; EXISTS keeps that from happening.
const FORGIVE = `
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECR', KEYS[2]) end
return 1`;

export interface RedisLoginThrottleOptions {
  redis: Redis;
  windowSeconds: number;
  maxAttemptsPerAccount: number;
  maxAttemptsPerIp: number;
}

/**
 * Chapter 4's login throttle on Redis. It counts every attempt before the password is checked, atomically, and
 * gives a successful one back afterwards: concurrent guesses can no longer all pass a check that none of them
 * has been counted in yet.
 */
export class RedisLoginThrottle {
  constructor(private readonly options: RedisLoginThrottleOptions) {}

  /** Counts the attempt; throws 429 with Retry-After when the account or the address is over its limit. */
  async check(email: string, ip: string): Promise<void> {
    // #exercise 5.6: A fixed-window rate limit. Stuck? pnpm course hint 5.6
    // #end
  }

  /** Settles the attempt that check() counted: a success is given back, a failure stays counted. */
  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    // #exercise 5.6: A fixed-window rate limit. Stuck? pnpm course hint 5.6
    // #end
  }
}

/** Emails are the client's input: hashed, the key is short whatever was typed, and case does not matter. */
function accountKey(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
  return `login:account:${digest}`;
}

function addressKey(ip: string): string {
  return `login:ip:${ip}`;
}
