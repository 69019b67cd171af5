import { runMain, startServer, type RunningServer } from '@course/platform/server';
import { createApp } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './database';
import { PrismaClient } from './generated/prisma/client';
import { PROBLEM_TYPE_BASE } from './http/paths';
import { createLogger } from './logging/logger';

/** Starts the Bookstore: configuration (which refuses to start without JWT_SECRET), logger, database, server. */
export async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const database = connectDatabase({ url: config.databaseUrl, logger, PrismaClient });
  return startServer({
    app: createApp({ config, database, logger }),
    port: config.port,
    logger,
    problemTypeBase: PROBLEM_TYPE_BASE,
    // Closed any earlier, the pool would fail the requests still running.
    onClose: () => database.close(),
  });
}

if (require.main === module) runMain(main);
