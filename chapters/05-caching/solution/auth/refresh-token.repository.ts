import type { PrismaClient } from '../generated/prisma/client';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  usedAt: Date | undefined;
  revokedAt: Date | undefined;
}

/** Where the hashes of refresh tokens are kept, with what has become of each token. */
export interface RefreshTokenRepository {
  create(token: NewRefreshToken): Promise<void>;
  /** The token with this hash; `revokedAt` is set when the token or any other of its family was revoked. */
  findByHash(tokenHash: string): Promise<StoredRefreshToken | undefined>;
  /**
   * Marks a token used, unless it already is or its family is revoked. Returns whether this call marked it: of two
   * requests that race with the same token, exactly one gets true.
   */
  markUsed(id: string): Promise<boolean>;
  /** Revokes every token of the family, used or not; findByHash() reports later tokens of it as revoked too. */
  revokeFamily(familyId: string): Promise<void>;
}

export class PrismaRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(token: NewRefreshToken): Promise<void> {
    await this.prisma.refreshToken.create({ data: token });
  }

  async findByHash(tokenHash: string): Promise<StoredRefreshToken | undefined> {
    const row = await this.prisma.refreshToken.findUnique({ where: { tokenHash } });
    if (!row) return undefined;
    const { id, userId, familyId, expiresAt, usedAt } = row;
    // A family is revoked as a whole. A token issued into it after revokeFamily() ran, by a refresh that raced
    // with the reuse that revoked it, was never marked itself; its revoked siblings speak for it.
    const revokedAt =
      row.revokedAt ??
      (
        await this.prisma.refreshToken.findFirst({
          where: { familyId, revokedAt: { not: null } },
          select: { revokedAt: true },
        })
      )?.revokedAt;
    return {
      id,
      userId,
      familyId,
      expiresAt,
      usedAt: usedAt ?? undefined,
      revokedAt: revokedAt ?? undefined,
    };
  }

  async markUsed(id: string): Promise<boolean> {
    // One conditional UPDATE: PostgreSQL lets only one of two concurrent calls match the row.
    const { count } = await this.prisma.refreshToken.updateMany({
      where: { id, usedAt: null, revokedAt: null },
      data: { usedAt: new Date() },
    });
    return count === 1;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.prisma.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
}
