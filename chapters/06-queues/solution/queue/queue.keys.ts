/** The Redis keys of one queue. Every key starts with the queue's name, so queues never share state. */
export interface QueueKeys {
  /** List of job ids ready to run: producers LPUSH, workers take from the right (FIFO). */
  ready: string;
  /** List of job ids a worker has taken and not yet acknowledged. */
  processing: string;
  /** Sorted set: id -> the time (ms) by which its worker must ack or extend, or the reaper takes it back. */
  deadlines: string;
  /** Sorted set: id -> the time (ms) at which a delayed or retried job becomes ready. */
  delayed: string;
  /** List of job ids that failed for good. */
  dead: string;
  /** Prefix of the per-job hashes: `${job}${id}`. */
  job: string;
}

export function queueKeys(name: string): QueueKeys {
  return {
    ready: `${name}:ready`,
    processing: `${name}:processing`,
    deadlines: `${name}:deadlines`,
    delayed: `${name}:delayed`,
    dead: `${name}:dead`,
    job: `${name}:job:`,
  };
}
