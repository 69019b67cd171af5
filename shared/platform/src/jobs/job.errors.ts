/**
 * Thrown by a handler when running the job again cannot help (an invalid payload, a deleted record): the job fails
 * after this one attempt instead of using up its retries. The worker turns it into BullMQ's UnrecoverableError.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Refused before it reaches Redis, which keeps every payload in memory: store the data and enqueue its id. */
export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';

  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`The job payload is ${bytes} bytes; the queue accepts at most ${limit}.`);
  }
}
