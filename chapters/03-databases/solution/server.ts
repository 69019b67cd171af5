import { createLogger } from '@course/platform/logging';
import { runMain, startServer, type RunningServer } from '@course/platform/server';
import { createApp } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './database';
import { PROBLEM_TYPE_BASE } from './http/paths';

/** Starts the Bookstore: configuration, logger, database, then the server, which closes the pool last. */
export async function main(): Promise<RunningServer> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const database = connectDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, logger });
  // Fail at startup, with a clear message, rather than at the first request.
  await database.pool.query('SELECT 1');
  return startServer({
    app: createApp({ database, logger }),
    port: config.port,
    logger,
    problemTypeBase: PROBLEM_TYPE_BASE,
    // Closed any earlier, the pool would fail the requests still running.
    onClose: () => database.close(),
  });
}

if (require.main === module) runMain(main);
