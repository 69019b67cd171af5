/*
 * The worker process: runs report jobs until SIGTERM or SIGINT, then stops gracefully and exits 0.
 * `pnpm worker:solution` runs it; the crash tests start it as a child process and kill it.
 */
import { createLogger } from '@course/platform/logging';
import { runMain } from '@course/platform/server';
import { loadConfig } from './config';
import { connectWorker } from './worker.setup';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const running = await connectWorker(config, logger);
  logger.info('worker started', { queue: config.queueName, concurrency: config.concurrency });
  return running;
});
