/** The Idempotency-Key was used before for a different request. */
export class IdempotencyKeyReusedError extends Error {
  override name = 'IdempotencyKeyReusedError';

  constructor() {
    super('This Idempotency-Key was used for a different request.');
  }
}
