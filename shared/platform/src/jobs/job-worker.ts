import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';
import { PermanentJobError } from './job.errors';

/** How {@link createJobWorker} runs a queue's jobs. */
export interface JobWorkerOptions<Payload, Result> {
  name: string;
  /** Made with workerConnection(). */
  connection: Redis;
  prefix?: string;
  /** Throw PermanentJobError for a job that can never succeed; any other error is retried. */
  handler(job: Job<Payload>): Promise<Result>;
  concurrency?: number;
  /** How long a job's lock lasts without renewal (BullMQ's visibility timeout); 30 s by default. */
  lockDurationMs?: number;
  /** How often stalled jobs (expired locks: dead workers) are looked for and put back; 30 s by default. */
  stalledIntervalMs?: number;
  logger?: Logger;
}

/** A BullMQ worker that logs failures and connection errors, and skips the retries of a PermanentJobError. */
export function createJobWorker<Payload = unknown, Result = unknown>(
  options: JobWorkerOptions<Payload, Result>,
): Worker<Payload, Result> {
  const worker = new Worker<Payload, Result>(
    options.name,
    async (job) => {
      try {
        return await options.handler(job);
      } catch (error) {
        if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 10,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
    },
  );
  // An 'error' event without a listener would crash the process.
  worker.on('error', (error) =>
    options.logger?.warn('job worker error', { queue: options.name, error: error.message }),
  );
  worker.on('failed', (job, error) =>
    options.logger?.warn('job failed', {
      queue: options.name,
      jobId: job?.id,
      attempt: job?.attemptsMade,
      error: error.message,
    }),
  );
  return worker;
}

/**
 * Stops a worker within `budgetMs`: close() stops fetching and waits for the running jobs, which it would do
 * forever. When the budget runs out first, the connections are cut; the running jobs' locks expire and another
 * worker's stalled-job check puts them back.
 */
export async function stopWorker(worker: Worker, budgetMs: number): Promise<'drained' | 'forced'> {
  const budget = new AbortController();
  const drained = worker.close().then(
    () => 'drained' as const,
    () => 'forced' as const,
  );
  const expired = sleep(budgetMs, 'forced' as const, { signal: budget.signal }).catch(
    () => 'drained' as const,
  );
  const outcome = await Promise.race([drained, expired]);
  budget.abort();
  if (outcome === 'forced') await worker.disconnect();
  return outcome;
}
