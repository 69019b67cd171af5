import { prismaConstraintViolation } from '@course/platform/database';
import type { PrismaClient } from '../database/prisma';
import type { NewUser, Taken, User, UserPatch, UserWithPassword } from './user.types';

/** Where accounts are stored. Writes that would duplicate a username or an email return which one is taken. */
export interface UserRepository {
  create(user: NewUser): Promise<User | Taken>;
  findById(id: number): Promise<User | undefined>;
  findByEmail(email: string): Promise<UserWithPassword | undefined>;
  update(id: number, patch: UserPatch): Promise<User | Taken | undefined>;
}

const USER = { id: true, username: true, email: true, bio: true, image: true } as const;

// The unique indexes of prisma/schema.prisma, by the field a client would correct.
const TAKEN_BY_INDEX: Record<string, Taken['taken']> = {
  users_username_key: 'username',
  users_email_key: 'email',
};

function taken(error: unknown): Taken | undefined {
  const violation = prismaConstraintViolation(error);
  const field = violation?.kind === 'unique' ? TAKEN_BY_INDEX[violation.constraint] : undefined;
  return field && { taken: field };
}

/** Keeps users in PostgreSQL and hands out plain objects, so that no Prisma type leaks above this file. */
export class PrismaUserRepository implements UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(user: NewUser): Promise<User | Taken> {
    try {
      return await this.prisma.user.create({ data: user, select: USER });
    } catch (error) {
      const field = taken(error);
      if (field) return field;
      throw error;
    }
  }

  async findById(id: number): Promise<User | undefined> {
    return (await this.prisma.user.findUnique({ where: { id }, select: USER })) ?? undefined;
  }

  async findByEmail(email: string): Promise<UserWithPassword | undefined> {
    const user = await this.prisma.user.findUnique({
      where: { email },
      select: { ...USER, passwordHash: true },
    });
    return user ?? undefined;
  }

  async update(id: number, patch: UserPatch): Promise<User | Taken | undefined> {
    try {
      const [user] = await this.prisma.user.updateManyAndReturn({ where: { id }, data: patch, select: USER });
      return user;
    } catch (error) {
      const field = taken(error);
      if (field) return field;
      throw error;
    }
  }
}
