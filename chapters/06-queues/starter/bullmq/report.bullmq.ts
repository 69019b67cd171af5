import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import type { Redis } from 'ioredis';
import { PayloadTooLargeError, PermanentJobError } from '../queue/job.errors';
import type { JobHandler, QueueLogger } from '../queue/job.types';
import { REPORT_JOB, type ReportPayload } from '../reports/report.types';

export interface BullQueueOptions {
  name: string;
  /** A connection without ioredis keyPrefix: BullMQ prefixes its keys itself, with `prefix`. */
  connection: Redis;
  prefix?: string;
  attempts?: number;
  /** The first retry's delay ceiling; it doubles per attempt. */
  backoffMs?: number;
  /** How many completed jobs stay readable (the newest), and for how long. */
  keepCompleted?: { count: number; ageSeconds: number };
  /** How long failed jobs stay readable: BullMQ's dead letters. */
  keepFailedSeconds?: number;
}

/** The producer's side: the queue with the job options every report job gets. */
export function createReportQueue(options: BullQueueOptions): Queue {
  // #exercise 6.8: The same worker on BullMQ. Stuck? pnpm course hint 6.8
  throw new Error('Exercise 6.8 is not done yet: createReportQueue()');
  // #end
}

/**
 * Adds a report job under the report's id: a second add with the same id (a retried request, a relay that ran
 * twice) adds nothing and returns the existing job. Oversized payloads are refused before they reach Redis.
 */
export async function addReportJob(queue: Queue, payload: ReportPayload, maxPayloadBytes = 64 * 1024) {
  const bytes = Buffer.byteLength(JSON.stringify(payload));
  if (bytes > maxPayloadBytes) throw new PayloadTooLargeError(bytes, maxPayloadBytes);
  return queue.add(REPORT_JOB, payload, { jobId: payload.reportId });
}

export interface BullWorkerOptions {
  name: string;
  /** Made with workerConnection(). */
  connection: Redis;
  prefix?: string;
  handler: JobHandler;
  concurrency?: number;
  /** How long a job's lock lasts without renewal: BullMQ's visibility timeout (default 30 s). */
  lockDurationMs?: number;
  /** How often the worker looks for stalled jobs, those whose lock expired (default 30 s). */
  stalledIntervalMs?: number;
  logger?: QueueLogger;
}

/** The same handler as the hand-built worker's, run by BullMQ. */
export function createReportWorker(options: BullWorkerOptions): Worker {
  const processor = async (job: BullJob) => {
    // #exercise 6.8: The same worker on BullMQ. Stuck? pnpm course hint 6.8
    throw new Error('Exercise 6.8 is not done yet: processor()');
    // #end
  };
  const worker = new Worker(options.name, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency ?? 10,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
  });
  // Without a listener, an 'error' event (a lost connection) would crash the process.
  worker.on('error', (error) => options.logger?.warn('bullmq worker error', { error: error.message }));
  worker.on('failed', (job, error) =>
    options.logger?.warn('job failed', { jobId: job?.id, attempt: job?.attemptsMade, error: error.message }),
  );
  return worker;
}

/**
 * close() stops fetching and waits for the running jobs, with no time limit of its own. When `budgetMs` runs
 * out first, the worker's connections are cut: the running jobs' locks are no longer renewed, and once they
 * expire the stalled-job check of another worker puts the jobs back (up to maxStalledCount times).
 */
export async function stopBullWorker(worker: Worker, budgetMs: number): Promise<'drained' | 'forced'> {
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
