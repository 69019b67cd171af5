import { randomBytes } from 'node:crypto';
import type { TokenConfig } from '../config';
import type { UserRepository } from '../users/user.repository';
import type { UserCredentials } from '../users/user.types';
import { signAccessToken } from './access-token';
import type { LoginInput, RegisterInput, TokenPair } from './auth.types';
import { unauthorized } from './challenge';
import type { LoginThrottle } from './login-throttle';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password';
import type { RefreshTokenService } from './refresh-token.service';

export interface AuthOptions {
  bcryptCost: number;
  tokens: TokenConfig;
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Accounts and sessions: registration, login, refresh and logout. */
export class AuthService {
  private dummy: Promise<string> | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenService,
    private readonly throttle: Pick<LoginThrottle, 'reserve' | 'succeeded'>,
    private readonly options: AuthOptions,
  ) {}

  /**
   * Creates an account with the reader role. When the address already has an account, nothing changes, and the
   * caller cannot tell: the answer and the work done (one bcrypt hash) are the same.
   */
  async register({ email, password }: RegisterInput): Promise<void> {
    const address = normalizeEmail(email);
    checkPasswordPolicy(password, address);
    const passwordHash = await hashPassword(password, this.options.bcryptCost);
    await this.users.create({ email: address, passwordHash, roles: ['reader'] });
  }

  /**
   * Checks the password, under the throttle, and starts a session: an access token and a new refresh family. The
   * attempt is reserved before bcrypt runs, so parallel guesses cannot all slip in before the first one counts.
   */
  async login({ email, password }: LoginInput, ip: string): Promise<TokenPair> {
    const address = normalizeEmail(email);
    await this.throttle.reserve(address, ip);
    const user = await this.checkCredentials(address, password);
    // One answer for an unknown address and a wrong password, so that login cannot tell who has an account. The
    // reserved attempt stays counted: it was a failure.
    if (!user) throw unauthorized('INVALID_CREDENTIALS', 'The email or the password is wrong.');
    await this.throttle.succeeded(address, ip);
    return this.tokenPair(user.id, await this.refreshTokens.issue(user.id));
  }

  /** Trades a refresh token for a new pair; see RefreshTokenService.rotate(). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    return this.tokenPair(rotated.userId, rotated.refreshToken);
  }

  async logout(refreshToken: string): Promise<void> {
    await this.refreshTokens.revoke(refreshToken);
  }

  /**
   * The account whose password this is, or undefined. It takes as long for an unknown address as for a wrong
   * password: answering sooner would tell an attacker which addresses have accounts.
   */
  private async checkCredentials(email: string, password: string): Promise<UserCredentials | undefined> {
    const user = await this.users.findCredentials(email);
    const matches = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash()));
    return user && matches ? user : undefined;
  }

  /** A hash of a random password, at the configured cost, made once: what unknown addresses are checked against. */
  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'), this.options.bcryptCost);
    return this.dummy;
  }

  private tokenPair(userId: string, refreshToken: string): TokenPair {
    return {
      tokenType: 'Bearer',
      accessToken: signAccessToken(userId, this.options.tokens),
      expiresIn: this.options.tokens.accessTtlSeconds,
      refreshToken,
    };
  }
}
