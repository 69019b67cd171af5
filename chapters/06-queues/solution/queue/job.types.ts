/** Where a job is in its life. `dead` jobs wait in the dead-letter list for a person to look at them. */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'dead';

/** What a handler receives: one delivery of a job. */
export interface Job<Payload = unknown> {
  id: string;
  name: string;
  payload: Payload;
  /** Deliveries so far, this one included: 1 on the first run. */
  attempts: number;
  maxAttempts: number;
}

/** Everything the queue knows about a job, for the job resource and the dead-letter list. */
export interface JobInfo extends Job {
  state: JobState;
  createdAt: number;
  /** When a delayed job becomes due, in ms since the epoch. */
  runAt?: number;
  finishedAt?: number;
  result?: unknown;
  /** The last failure's message. */
  error?: string;
}

export interface EnqueueOptions {
  /** A job id of the caller's choosing; enqueueing the same id twice adds one job (the outbox relay relies on it). */
  id?: string;
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
  /** Overrides the queue's maxAttempts for this job. */
  maxAttempts?: number;
}

export type JobHandler = (job: Job) => Promise<unknown>;

/** The few logger methods the queue uses; a winston logger fits. */
export interface QueueLogger {
  info(message: string, meta?: Record<string, unknown>): unknown;
  warn(message: string, meta?: Record<string, unknown>): unknown;
  error(message: string, meta?: Record<string, unknown>): unknown;
}
