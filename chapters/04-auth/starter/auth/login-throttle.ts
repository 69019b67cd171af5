import { AppError, defineErrorCodes } from '@course/platform/errors';
import type { LoginThrottleConfig } from '../config';
import type { LoginCounterRepository } from './login-counter.repository';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    TOO_MANY_LOGIN_ATTEMPTS: true;
  }
}
defineErrorCodes({ TOO_MANY_LOGIN_ATTEMPTS: { status: 429, title: 'Too many login attempts' } });

const accountKey = (email: string) => `account:${email}`;
const addressKey = (ip: string) => `ip:${ip}`;

/**
 * Slows down password guessing with two windows: attempts per account (email) and attempts per client address.
 * Every attempt is reserved, and counted as a failure, before its password is checked, so a burst of parallel
 * guesses gets no more checks than the limit allows. A successful login then clears the account's count, because
 * the owner has just proved who they are, and gives back the address's reservation; it never clears the address's
 * count, or an attacker with one account of their own could log into it between guesses at other people's
 * passwords.
 */
export class LoginThrottle {
  constructor(
    private readonly counters: LoginCounterRepository,
    private readonly config: LoginThrottleConfig,
  ) {}

  /** Reserves one attempt for the account and one for the address, or throws 429 with Retry-After. */
  async reserve(email: string, ip: string): Promise<void> {
    // #exercise 4.7: Throttle failed logins. Stuck? pnpm course hint 4.7
    // Fails closed: until the throttle works, nobody can log in, rather than everybody as often as they like.
    throw new AppError({
      code: 'TOO_MANY_LOGIN_ATTEMPTS',
      message: 'Exercise 4.7 is not done yet: logins stay refused until LoginThrottle.reserve() is written.',
    });
    // #end
  }

  /** The password was right: the account starts afresh, and the address gets its reservation back. */
  async succeeded(email: string, ip: string): Promise<void> {
    // #exercise 4.7: Throttle failed logins. Stuck? pnpm course hint 4.7
    throw new Error('Exercise 4.7 is not done yet: Throttle failed logins');
    // #end
  }

  /** 429 with Retry-After: the seconds until the window that began at `windowStart` ends, at least 1. */
  private tooManyAttempts(windowStart: Date): AppError {
    // #exercise 4.7: Throttle failed logins. Stuck? pnpm course hint 4.7
    throw new Error('Exercise 4.7 is not done yet: Throttle failed logins');
    // #end
  }
}
