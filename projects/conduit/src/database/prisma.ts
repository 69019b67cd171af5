import { connectDatabase, type Database } from '@course/platform/database';
import type { Logger } from '@course/platform/logging';
import { PrismaClient } from '../generated/prisma/client';

export { PrismaClient };
export type { Prisma } from '../generated/prisma/client';

/** One pg pool, shared by Prisma (through @prisma/adapter-pg) and the health check; the caller closes it. */
export function connectConduitDatabase(
  url: string,
  poolSize: number,
  logger: Logger,
): Database<PrismaClient> {
  return connectDatabase({ url, poolSize, logger, PrismaClient });
}
