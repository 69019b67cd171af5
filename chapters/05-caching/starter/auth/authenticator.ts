import { parseBearer, verifyAccessToken } from '@course/platform/auth';
import type { TokenConfig } from '../config';
import type { UserRepository } from '../users/user.repository';
import type { User } from '../users/user.types';
import { REALM, unauthorized } from './challenge';

/** Turns a verified access token into the user who holds it. */
export class Authenticator {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenConfig,
  ) {}

  /** The user is loaded on every request, so that a deleted account or a changed role takes effect at once. */
  async authenticate(token: string): Promise<User> {
    const { sub } = verifyAccessToken(token, this.tokens, { realm: REALM });
    const user = await this.users.findById(sub);
    if (!user) throw unauthorized('TOKEN_INVALID', 'The access token is not valid.', 'invalid_token');
    return user;
  }

  /**
   * The user id of a valid access token in an Authorization header, or undefined: what the rate limiter counts a
   * request against. No database read: a request over its limit must cost as little as possible.
   */
  userIdOf(authorization: string | undefined): string | undefined {
    try {
      return verifyAccessToken(parseBearer(authorization), this.tokens).sub;
    } catch {
      return undefined;
    }
  }
}
