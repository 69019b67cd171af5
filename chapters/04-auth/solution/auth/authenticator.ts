import type { TokenConfig } from '../config';
import type { UserRepository } from '../users/user.repository';
import type { User } from '../users/user.types';
import { verifyAccessToken } from './access-token';
import { parseBearer } from './bearer';
import { unauthorized } from './challenge';

/** Turns the Authorization header of a request into the user who sent it. */
export class Authenticator {
  constructor(
    private readonly users: UserRepository,
    private readonly tokens: TokenConfig,
  ) {}

  /**
   * The user behind a Bearer access token. The user is loaded on every request, so that a deleted account or a
   * changed role takes effect at once instead of when the token expires.
   */
  async authenticate(authorization: string | undefined): Promise<User> {
    // #exercise 4.4
    const { sub } = verifyAccessToken(parseBearer(authorization), this.tokens);
    const user = await this.users.findById(sub);
    if (!user) throw unauthorized('TOKEN_INVALID', 'The access token is not valid.', 'invalid_token');
    return user;
    // #end
  }
}
