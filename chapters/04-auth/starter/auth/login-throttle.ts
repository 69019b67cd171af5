import type { LoginThrottleConfig } from '../config';
import { AppError } from '../errors/app-error';
import type { LoginAttemptRepository } from './login-attempt.repository';

/**
 * Slows down password guessing with two sliding windows: failures per account (email) and failures per client
 * address. A successful login clears the account's count, because the owner has just proved who they are; it
 * never clears the address's count, or an attacker with one account of their own could log into it between
 * guesses at other people's passwords.
 */
export class LoginThrottle {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly config: LoginThrottleConfig,
  ) {}

  /** Throws 429 with Retry-After while the account or the address has no failures left in its window. */
  async check(email: string, ip: string): Promise<void> {
    // #exercise 4.7: Throttle failed logins. Stuck? pnpm course hint 4.7
    // #end
  }

  /** Records one login attempt; check() counts the failures. */
  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    // #exercise 4.7: Throttle failed logins. Stuck? pnpm course hint 4.7
    // #end
  }

  /**
   * Seconds until enough failures have left the window for one more attempt, or 0 when one is allowed now.
   * `failures` are oldest first; once the one at `length - max` has left, `max - 1` remain.
   */
  private secondsToWait(failures: Date[], max: number): number {
    // #exercise 4.7: Throttle failed logins. Stuck? pnpm course hint 4.7
    return 0;
    // #end
  }
}
