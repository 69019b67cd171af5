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
    // #exercise 4.7
    const windowStart = new Date(Date.now() - this.config.windowSeconds * 1000);
    const lastSuccess = await this.attempts.lastSuccess(email);
    const accountStart = lastSuccess && lastSuccess > windowStart ? lastSuccess : windowStart;
    const accountFailures = await this.attempts.failuresSince({ email }, accountStart);
    const addressFailures = await this.attempts.failuresSince({ ip }, windowStart);
    const retryAfter = Math.max(
      this.secondsToWait(accountFailures, this.config.maxFailuresPerAccount),
      this.secondsToWait(addressFailures, this.config.maxFailuresPerIp),
    );
    if (retryAfter > 0) {
      // Retry-After in seconds (RFC 9110 §10.2.3), which 429 invites (RFC 6585 §4).
      throw new AppError({
        code: 'TOO_MANY_LOGIN_ATTEMPTS',
        message: `Too many failed logins; try again in ${retryAfter} seconds.`,
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    // #starter
    // #end
  }

  /** Records one login attempt; check() counts the failures. */
  async record(email: string, ip: string, succeeded: boolean): Promise<void> {
    // #exercise 4.7
    await this.attempts.record({ email, ip, succeeded });
    // #starter
    // #end
  }

  /**
   * Seconds until enough failures have left the window for one more attempt, or 0 when one is allowed now.
   * `failures` are oldest first; once the one at `length - max` has left, `max - 1` remain.
   */
  private secondsToWait(failures: Date[], max: number): number {
    // #exercise 4.7
    if (failures.length < max) return 0;
    const freedAt = failures[failures.length - max]!.getTime() + this.config.windowSeconds * 1000;
    return Math.max(1, Math.ceil((freedAt - Date.now()) / 1000));
    // #starter
    // return 0;
    // #end
  }
}
