import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '@course/platform/logging';
import { unauthorized } from './challenge';
import type { RefreshTokenRepository } from './refresh-token.repository';

export interface RotatedRefreshToken {
  userId: string;
  refreshToken: string;
}

/**
 * Only this hash is stored, so a copy of the table lets nobody refresh. A fast hash is enough here, unlike for
 * passwords: the token is 256 random bits, far too many to guess.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function invalidRefreshToken() {
  return unauthorized(
    'REFRESH_TOKEN_INVALID',
    'The refresh token is not valid; log in again.',
    'invalid_token',
  );
}

/** Refresh tokens: opaque, long-lived, single-use. Each use trades the token for a new one of the same family. */
export class RefreshTokenService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly ttlSeconds: number,
    private readonly logger: Logger,
  ) {}

  /** A new refresh token for the user: of a new family at login, of the old token's family on rotation. */
  async issue(userId: string, familyId: string = randomUUID()): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    await this.tokens.create({ userId, familyId, tokenHash: hashRefreshToken(token), expiresAt });
    return token;
  }

  /**
   * Trades a refresh token for a new one of the same family. A token that was already traded in is being reused:
   * by a thief, or by the client after a thief. We cannot tell which, so the whole family is revoked and both
   * have to log in again, which only the owner can.
   */
  async rotate(token: string): Promise<RotatedRefreshToken> {
    const stored = await this.tokens.findByHash(hashRefreshToken(token));
    if (!stored || stored.revokedAt || stored.expiresAt <= new Date()) throw invalidRefreshToken();
    if (stored.usedAt || !(await this.tokens.markUsed(stored.id))) {
      await this.tokens.revokeFamily(stored.familyId);
      this.logger.warn('refresh token reused; family revoked', {
        userId: stored.userId,
        familyId: stored.familyId,
      });
      throw invalidRefreshToken();
    }
    return { userId: stored.userId, refreshToken: await this.issue(stored.userId, stored.familyId) };
  }

  /** Logout: revokes the token's family, so that no token of this login works again. Unknown tokens are ignored. */
  async revoke(token: string): Promise<void> {
    const stored = await this.tokens.findByHash(hashRefreshToken(token));
    if (stored) await this.tokens.revokeFamily(stored.familyId);
  }
}
