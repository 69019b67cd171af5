import { prismaConstraintViolation } from '@course/platform/database';
import type { PrismaClient } from '../database/prisma';
import type { ProfileRecord } from './profile.types';

/** Profiles and who follows whom. */
export interface ProfileRepository {
  /** The profile of `username` as `viewerId` sees it (anonymous when undefined). */
  findByUsername(username: string, viewerId?: number): Promise<ProfileRecord | undefined>;
  /** Idempotent: following twice, even at the same moment, leaves one row. False when the user is gone. */
  follow(followerId: number, followedId: number): Promise<boolean>;
  /** Idempotent: unfollowing someone you do not follow changes nothing. */
  unfollow(followerId: number, followedId: number): Promise<void>;
}

/** The select that says whether `viewerId` follows a user, for any query that loads users. */
export function followedBy(viewerId: number | undefined) {
  return viewerId === undefined
    ? false
    : ({ where: { followerId: viewerId }, select: { followerId: true }, take: 1 } as const);
}

export const PROFILE_SELECT = (viewerId: number | undefined) =>
  ({
    id: true,
    username: true,
    bio: true,
    image: true,
    followers: followedBy(viewerId),
  }) as const;

/** Turns a loaded user row into a profile: `followers` holds at most the viewer's follow row. */
export function toProfile(row: {
  id: number;
  username: string;
  bio: string | null;
  image: string | null;
  followers?: unknown[];
}): ProfileRecord {
  return {
    id: row.id,
    username: row.username,
    bio: row.bio,
    image: row.image,
    following: (row.followers?.length ?? 0) > 0,
  };
}

export class PrismaProfileRepository implements ProfileRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByUsername(username: string, viewerId?: number): Promise<ProfileRecord | undefined> {
    const row = await this.prisma.user.findUnique({ where: { username }, select: PROFILE_SELECT(viewerId) });
    return row ? toProfile(row) : undefined;
  }

  async follow(followerId: number, followedId: number): Promise<boolean> {
    try {
      // INSERT ... ON CONFLICT DO NOTHING: the primary key, not a read beforehand, decides whether the row exists.
      await this.prisma.follow.createMany({ data: [{ followerId, followedId }], skipDuplicates: true });
      return true;
    } catch (error) {
      if (prismaConstraintViolation(error)?.kind === 'foreign-key') return false;
      throw error;
    }
  }

  async unfollow(followerId: number, followedId: number): Promise<void> {
    await this.prisma.follow.deleteMany({ where: { followerId, followedId } });
  }
}
