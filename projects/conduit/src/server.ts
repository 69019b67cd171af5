import { Redis } from 'ioredis';
import { createLogger } from '@course/platform/logging';
import { runMain, startServer } from '@course/platform/server';
import { createApp } from './app';
import { loadConfig } from './config';
import { connectConduitDatabase } from './database/prisma';

/** Starts Conduit; on SIGTERM it stops being ready, lets requests in flight finish, then closes its connections. */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(env);
  const logger = createLogger({ level: config.logLevel });
  const database = connectConduitDatabase(config.databaseUrl, config.databasePoolSize, logger);
  const prisma = database.prisma;
  // Fail fast while Redis is down rather than queue commands: the rate limiter then uses its in-memory insurance.
  const redis = new Redis(config.redisUrl, {
    keyPrefix: config.redisKeyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', (error: Error) => logger.warn('redis connection failed', { error: error.message }));
  let shuttingDown = false;
  const running = await startServer({
    app: createApp({ config, prisma, redis, logger, isShuttingDown: () => shuttingDown }),
    port: config.port,
    logger,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    async onClose() {
      await database.close();
      redis.disconnect();
    },
  });
  return {
    port: running.port,
    async close() {
      shuttingDown = true;
      await running.close();
    },
  };
}

if (require.main === module) runMain(() => main());
