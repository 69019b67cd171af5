/*
 * What does the cache buy? Run it with `pnpm bench`; DATABASE_URL and REDIS_URL name the servers (the benchmark
 * creates and drops a database of its own, and deletes its Redis keys). It reports numbers from one run and asserts
 * nothing.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { connectDatabase } from '@course/platform/database';
import { createLogger } from '@course/platform/logging';
import { createTestDatabase, dropTestDatabase } from '@course/test-harness/postgres';
import { Redis } from 'ioredis';
import winston from 'winston';
import { loadConfig } from '../solution/config';
import { PrismaClient } from '../solution/generated/prisma/client';
import { measureHotKey } from './hot-key';
import { measureReadPath, type ReadPathResult } from './read-path';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function printReadPath(heading: string, [cached, uncached]: ReadPathResult[]): void {
  console.log(heading);
  for (const r of [cached!, uncached!]) {
    console.log(
      `  ${r.title.padEnd(9)} ${r.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50Ms).padStart(3)} ms` +
        `  ${String(r.bookQueries).padStart(5)} book reads reached the database in ${r.requests} requests`,
    );
  }
  console.log(
    `  cached / uncached: ${(cached!.requestsPerSecond / uncached!.requestsPerSecond).toFixed(2)}x the requests per second`,
  );
}

/** GET /books/:id with and without the cache, on a database of the benchmark's own. */
async function readPath(redis: Redis): Promise<void> {
  // A migrated database of the benchmark's own, dropped at the end.
  const db = await createTestDatabase({
    label: 'ch05-bench',
    migrationsDir: path.join(__dirname, '..', 'solution', 'prisma', 'migrations'),
  });
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const logger = createLogger({
    level: 'info',
    transports: [new winston.transports.Stream({ stream: nowhere })],
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    BCRYPT_COST: '4',
    RATE_LIMIT: '1000000',
  });
  const database = connectDatabase({ url: db.url, poolSize: 10, logger, PrismaClient });
  try {
    const setup = { config, database, redis, logger };
    printReadPath(
      '\nGET /books/:id over 100 books, 10 connections, median of 3 alternating rounds of 3 s:',
      await measureReadPath(setup, 0),
    );
    printReadPath(
      '\nThe same with 5 ms added to each book read of the database (a database across a network):',
      await measureReadPath(setup, 5),
    );
  } finally {
    await database.close();
    await dropTestDatabase(db);
  }
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys.map((key) => key.slice(prefix.length)));
    cursor = next;
  } while (cursor !== '0');
}

async function main(): Promise<void> {
  const prefix = `bench:ch05:${process.pid}:`;
  const redis = new Redis(redisUrl, { keyPrefix: prefix });
  try {
    await readPath(redis);
    console.log('\nQueries per expiry of one hot key, 20 clients:');
    const hot = await measureHotKey(redis, databaseUrl);
    for (const [name, r] of Object.entries(hot)) {
      const perExpiry = (r.queries / r.expiries).toFixed(1);
      console.log(
        `  ${name.padEnd(13)} ${perExpiry.padStart(5)} queries per expiry (${r.requests} requests)`,
      );
    }
  } finally {
    await deleteKeys(redis, prefix);
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
