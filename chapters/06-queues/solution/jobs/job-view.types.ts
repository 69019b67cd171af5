/** `pending`: written to the outbox, not yet moved to the queue. The other states are the queue's. */
export type JobViewState = 'pending' | 'waiting' | 'delayed' | 'active' | 'completed' | 'dead';

/** A background job as the API shows it. */
export interface JobView {
  /** @example "0b8f1c5e-2a47-4a3e-9d0c-2f6b8f7e1a11" */
  id: string;
  /** @example "build-report" */
  name: string;
  state: JobViewState;
  /** Deliveries so far. */
  attempts: number;
  maxAttempts: number;
  createdAt: string;
  /** When a delayed job (or a retry) becomes due. */
  runAt?: string;
  finishedAt?: string;
  /** What the job produced, once completed. */
  result?: unknown;
  /** The last failure. */
  error?: string;
}

/** The answer to a 202 Accepted: where to follow the job. */
export interface JobAccepted {
  jobId: string;
  /** @example "/api/v1/jobs/0b8f1c5e-2a47-4a3e-9d0c-2f6b8f7e1a11" */
  statusUrl: string;
}

export interface DeadLetterList {
  items: JobView[];
}
