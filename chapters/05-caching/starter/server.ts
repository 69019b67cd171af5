import { runMain, startServer, type RunningServer } from '@course/platform/server';
import { createApp } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './database';
import { PrismaClient } from './generated/prisma/client';
import { PROBLEM_TYPE_BASE } from './http/paths';
import { createRedisClient } from './redis/redis-client';
import { createLogger } from './logging/logger';

/** Starts the Bookstore: configuration (which refuses to start without JWT_SECRET), logger, database, Redis, server. */
export async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const database = connectDatabase({ url: config.databaseUrl, logger, PrismaClient });
  const redis = createRedisClient({ url: config.redisUrl, commandTimeoutMs: config.cache.timeoutMs });
  // Without Redis the API still starts: the cache misses and the limiter fails open or closed as configured.
  redis.connect().catch((error: unknown) => logger.warn('redis is not reachable yet', { error }));
  return startServer({
    app: createApp({ config, database, redis, logger }),
    port: config.port,
    logger,
    problemTypeBase: PROBLEM_TYPE_BASE,
    // Closed any earlier, the pool would fail the requests still running.
    onClose: async () => {
      redis.disconnect();
      await database.close();
    },
  });
}

if (require.main === module) runMain(main);
