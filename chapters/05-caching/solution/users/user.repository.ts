import { isUuid, prismaConstraintViolation } from '../database';
import type { PrismaClient } from '../generated/prisma/client';
import { ROLE_NAMES, type Permission, type RoleName, type User, type UserCredentials } from './user.types';

export interface NewUser {
  email: string;
  passwordHash: string;
  roles: RoleName[];
}

/** Where users and their roles are stored. */
export interface UserRepository {
  /** Creates a user; undefined when the email already has an account. */
  create(user: NewUser): Promise<User | undefined>;
  findCredentials(email: string): Promise<UserCredentials | undefined>;
  /** The user with their roles and everything those roles permit. */
  findById(id: string): Promise<User | undefined>;
  /** Replaces the user's roles; undefined when there is no such user. */
  setRoles(id: string, roles: RoleName[]): Promise<User | undefined>;
}

const WITH_PERMISSIONS = {
  id: true,
  email: true,
  createdAt: true,
  roles: {
    select: {
      roleName: true,
      role: { select: { permissions: { select: { permissionName: true } } } },
    },
  },
} as const;

interface UserRow {
  id: string;
  email: string;
  createdAt: Date;
  roles: { roleName: string; role: { permissions: { permissionName: string }[] } }[];
}

function toUser({ id, email, createdAt, roles }: UserRow): User {
  const names = new Set(roles.map(({ roleName }) => roleName));
  const permissions = new Set(roles.flatMap(({ role }) => role.permissions.map((p) => p.permissionName)));
  return {
    id,
    email,
    roles: ROLE_NAMES.filter((name) => names.has(name)),
    // The database holds only the permissions that its seed migration inserted, and they match the Permission type.
    permissions: [...permissions].sort() as Permission[],
    createdAt,
  };
}

/** Keeps users in PostgreSQL, and hands out plain objects, so that no Prisma type leaks above this file. */
export class PrismaUserRepository implements UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create({ email, passwordHash, roles }: NewUser): Promise<User | undefined> {
    try {
      const row = await this.prisma.user.create({
        data: { email, passwordHash, roles: { create: roles.map((roleName) => ({ roleName })) } },
        select: WITH_PERMISSIONS,
      });
      return toUser(row);
    } catch (error) {
      // Checking first and inserting second would race with a second registration of the same address.
      if (prismaConstraintViolation(error)?.constraint === 'users_email_key') return undefined;
      throw error;
    }
  }

  async findCredentials(email: string): Promise<UserCredentials | undefined> {
    const row = await this.prisma.user.findUnique({
      where: { email },
      select: { id: true, passwordHash: true },
    });
    return row ?? undefined;
  }

  async findById(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.prisma.user.findUnique({ where: { id }, select: WITH_PERMISSIONS });
    return row ? toUser(row) : undefined;
  }

  async setRoles(id: string, roles: RoleName[]): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    return this.prisma.$transaction(async (tx) => {
      if ((await tx.user.count({ where: { id } })) === 0) return undefined;
      await tx.userRole.deleteMany({ where: { userId: id } });
      await tx.userRole.createMany({ data: roles.map((roleName) => ({ userId: id, roleName })) });
      return toUser(await tx.user.findUniqueOrThrow({ where: { id }, select: WITH_PERMISSIONS }));
    });
  }
}
