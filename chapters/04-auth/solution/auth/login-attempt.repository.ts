import type { PrismaClient } from '../db/prisma';

export interface LoginAttempt {
  email: string;
  ip: string;
  succeeded: boolean;
}

/** Failures are counted by account (email) or by client address. */
export type AttemptKey = { email: string } | { ip: string };

/** Where login attempts are recorded, for throttling. */
export interface LoginAttemptRepository {
  record(attempt: LoginAttempt): Promise<void>;
  /** When each failed attempt for `key` after `since` happened, oldest first. */
  failuresSince(key: AttemptKey, since: Date): Promise<Date[]>;
  /** When the last successful login to the account happened, if ever. */
  lastSuccess(email: string): Promise<Date | undefined>;
}

export class PrismaLoginAttemptRepository implements LoginAttemptRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async record(attempt: LoginAttempt): Promise<void> {
    // The app's clock, not the database's, so that the window the throttle computes and the rows agree.
    await this.prisma.loginAttempt.create({ data: { ...attempt, createdAt: new Date() } });
  }

  async failuresSince(key: AttemptKey, since: Date): Promise<Date[]> {
    const rows = await this.prisma.loginAttempt.findMany({
      where: { ...key, succeeded: false, createdAt: { gt: since } },
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true },
    });
    return rows.map((row) => row.createdAt);
  }

  async lastSuccess(email: string): Promise<Date | undefined> {
    const row = await this.prisma.loginAttempt.findFirst({
      where: { email, succeeded: true },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    return row?.createdAt;
  }
}
