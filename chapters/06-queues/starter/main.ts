/*
 * Everything in one process, for development: applies the migrations, serves the API, relays the outbox and
 * runs a worker. In production these are separate processes (server, relay, workers) scaled on their own.
 */
import { migrate } from '@course/db-migrate';
import { createLogger } from '@course/platform/logging';
import { runMain, startServer } from '@course/platform/server';
import path from 'node:path';
import { Pool } from 'pg';
import { createApp } from './app';
import { loadConfig } from './config';
import { PROBLEM_TYPE_BASE } from './http/paths';
import { startOutboxRelay } from './outbox/outbox.relay';
import { connectQueue, connectWorker } from './worker.setup';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  await migrate({
    connectionString: config.databaseUrl,
    migrationsDir: path.join(__dirname, 'database', 'migrations'),
  });
  const pool = new Pool({ connectionString: config.databaseUrl, max: 10 });
  const queue = connectQueue(config, logger);
  const relay = startOutboxRelay({ pool, queue, logger });
  const worker = await connectWorker(config, logger);
  const server = await startServer({
    app: createApp({ pool, queue, logger }),
    port: config.port,
    logger,
    problemTypeBase: PROBLEM_TYPE_BASE,
    onClose: async () => {
      await relay.stop();
      await worker.close();
      queue.redis.disconnect();
      await pool.end();
    },
  });
  logger.info('docs', { url: `http://localhost:${server.port}/docs` });
  return server;
});
