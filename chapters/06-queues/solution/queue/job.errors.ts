/**
 * Thrown by a handler when running the job again cannot help (an invalid payload, a deleted record): the job goes
 * to the dead-letter list after this one attempt instead of being retried. BullMQ calls it UnrecoverableError.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Refused at enqueue: Redis keeps every payload in memory, so a queue is no place for big blobs. */
export class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';

  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `The job payload is ${bytes} bytes; the queue accepts at most ${limit}. Store the data and enqueue its id.`,
    );
  }
}
