import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import type { Logger } from '@course/platform/logging';
import { PrismaClient } from '../generated/prisma/client';

export interface DatabaseOptions {
  url: string;
  /** The most connections the pool opens at once; requests beyond that wait for a free one. */
  poolSize: number;
  logger: Logger;
}

/** The app's connection to PostgreSQL: one pool, which both the SQL repository and Prisma borrow from. */
export interface Database {
  pool: Pool;
  prisma: PrismaClient;
  /** Waits for the queries in flight, then closes every connection. */
  close(): Promise<void>;
}

export function connectDatabase({ url, poolSize, logger }: DatabaseOptions): Database {
  // A query waits at most this long for a free connection, then fails: better an error than a request that
  // hangs because every connection is busy, or was never given back.
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5_000 });
  // An idle connection that the server drops (a restart, a network blip) reports an error on the pool. Without
  // a listener, Node would treat it as unhandled and exit. The pool opens a new connection when one is needed.
  pool.on('error', (error) => logger.warn('idle database connection failed', { error: error.message }));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
