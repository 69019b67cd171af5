import type { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import type { Logger } from '../logging/logger';

/** How {@link connectPool} and {@link connectDatabase} connect. */
export interface PoolOptions {
  /** A postgres:// URL; it may hold a password, so it is never logged. */
  url: string;
  /** The most connections the pool opens at once; requests beyond that wait for a free one. 10 by default. */
  poolSize?: number;
  /** How long a query waits for a free connection before it fails; 5 s by default. */
  connectionTimeoutMs?: number;
  logger: Logger;
}

/** A generated PrismaClient class (or any class) that takes a driver adapter. */
export type PrismaClientClass<P> = new (options: { adapter: PrismaPg }) => P;

/** How {@link connectDatabase} connects: the pool's options and the chapter's generated PrismaClient. */
export interface DatabaseOptions<P> extends PoolOptions {
  /**
   * The chapter's generated `PrismaClient` class, or a factory that makes a client from the adapter; the library
   * never imports a generated client itself.
   */
  PrismaClient: PrismaClientClass<P> | ((adapter: PrismaPg) => P);
}

/** The app's connection to PostgreSQL: one pool, which raw SQL and Prisma both borrow from. */
export interface Database<P> {
  pool: Pool;
  prisma: P;
  /** Disconnects Prisma, waits for the queries in flight, then closes every connection. */
  close(): Promise<void>;
}

/**
 * A pg pool with the settings every service needs: a size, a timeout for a free connection (better an error than a
 * request that hangs because every connection is busy, or was never given back), and an error listener.
 */
export function connectPool({ url, poolSize = 10, connectionTimeoutMs = 5_000, logger }: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
  });
  // An idle connection that the server drops (a restart, a network blip) reports an error on the pool. Without a
  // listener, Node treats it as unhandled and exits. The pool opens a new connection when one is needed.
  pool.on('error', (error) => logger.warn('idle database connection failed', { error: error.message }));
  return pool;
}

/** A class has a prototype with the client's methods; an arrow-function factory has no prototype at all. */
function isClass<P>(make: DatabaseOptions<P>['PrismaClient']): make is PrismaClientClass<P> {
  const prototype = (make as { prototype?: Record<string, unknown> }).prototype;
  return (
    typeof prototype?.$disconnect === 'function' || /^class\b/.test(Function.prototype.toString.call(make))
  );
}

/**
 * One pg pool, and a Prisma client that runs its queries on the same pool through @prisma/adapter-pg, so that
 * the app has one set of connections to size and to close.
 *
 * @example
 * import { PrismaClient } from './generated/prisma/client';
 * const database = connectDatabase({ url: config.databaseUrl, poolSize: 10, logger, PrismaClient });
 */
export function connectDatabase<P extends { $disconnect(): Promise<void> }>(
  options: DatabaseOptions<P>,
): Database<P> {
  const pool = connectPool(options);
  // Loaded here, not at the top: @prisma/adapter-pg is an optional peer, and a service that uses only connectPool()
  // (chapter 7's, deployed with its production dependencies alone) does not have it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PrismaPg: Adapter } = require('@prisma/adapter-pg') as { PrismaPg: typeof PrismaPg };
  const adapter = new Adapter(pool);
  const make = options.PrismaClient;
  const prisma = isClass(make) ? new make({ adapter }) : make(adapter);
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      if (!pool.ended && !pool.ending) await pool.end();
    },
  };
}
