import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createTestDatabase, dropTestDatabase } from '@course/test-harness/postgres';
import { cleanupRedis, createTestRedis } from '@course/test-harness/redis';
import { createLogger } from '@course/platform/logging';
import { startServer } from '@course/platform/server';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { connectConduitDatabase } from '../src/database/prisma';

export interface SuiteServer {
  /** The origin the suite calls, without /api. */
  host: string;
  database: string;
  close(): Promise<void>;
}

/**
 * Conduit on a fresh database built from the migrations, with its own Redis key prefix, on a free port. The suite
 * registers some twenty users from one address, so the limits on registration and login are raised for it.
 */
export async function startConduitForSuite(): Promise<SuiteServer> {
  const database = await createTestDatabase({
    label: 'conduit-realworld',
    migrationsDir: path.join(__dirname, '..', 'src', 'prisma', 'migrations'),
  });
  const redis = await createTestRedis({ label: 'conduit-realworld' });
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    NODE_ENV: 'test',
    BCRYPT_COST: '4',
    RATE_LIMIT_REGISTRATIONS_PER_IP: '10000',
    RATE_LIMIT_LOGINS_PER_IP: '10000',
    RATE_LIMIT_LOGINS_PER_EMAIL: '10000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
  const logger = createLogger({ level: config.logLevel });
  const db = connectConduitDatabase(database.url, 10, logger);
  const running = await startServer({
    app: createApp({ config, prisma: db.prisma, redis: redis.client, logger }),
    port: 0,
    logger,
    onClose: () => db.close(),
  });
  return {
    host: `http://127.0.0.1:${running.port}`,
    database: database.name,
    async close() {
      try {
        await running.close();
      } finally {
        await cleanupRedis(redis);
        await dropTestDatabase(database);
      }
    },
  };
}
