import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PayloadTooLargeError } from './job.errors';

/** How {@link createJobQueue} makes a queue. */
export interface JobQueueOptions {
  name: string;
  /** Made with producerConnection(). */
  connection: Redis;
  /** BullMQ's key prefix (default `bull`); give each app or test its own. */
  prefix?: string;
  /** Deliveries before a job fails for good; 5 by default. */
  attempts?: number;
  /** The ceiling of the first retry's delay; it doubles per attempt, with full jitter. 1 s by default. */
  backoffMs?: number;
  /** How many completed jobs stay readable, and for how long; 1,000 and a day by default. */
  keepCompleted?: { count: number; ageSeconds: number };
  /** How long failed jobs (the dead letters) stay readable; a week by default. */
  keepFailedSeconds?: number;
}

/** A BullMQ queue whose jobs get retries with exponential backoff and full jitter, and bounded retention. */
export function createJobQueue(options: JobQueueOptions): Queue {
  return new Queue(options.name, {
    connection: options.connection,
    prefix: options.prefix,
    defaultJobOptions: {
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1_000, jitter: 1 },
      removeOnComplete: {
        count: options.keepCompleted?.count ?? 1_000,
        age: options.keepCompleted?.ageSeconds ?? 24 * 60 * 60,
      },
      removeOnFail: { age: options.keepFailedSeconds ?? 7 * 24 * 60 * 60 },
    },
  });
}

/** How {@link addJob} adds a job. */
export interface AddJobOptions {
  /** The job's id: adding an id that exists adds nothing and returns the existing job. Not an integer. */
  jobId?: string;
  delayMs?: number;
  /** 64 KiB by default. */
  maxPayloadBytes?: number;
}

/** Adds a job, refusing an oversized payload with PayloadTooLargeError before anything reaches Redis. */
export async function addJob(
  queue: Queue,
  name: string,
  payload: unknown,
  options: AddJobOptions = {},
): Promise<Job> {
  const limit = options.maxPayloadBytes ?? 64 * 1024;
  const bytes = Buffer.byteLength(JSON.stringify(payload ?? null));
  if (bytes > limit) throw new PayloadTooLargeError(bytes, limit);
  return queue.add(name, payload, { jobId: options.jobId, delay: options.delayMs });
}
