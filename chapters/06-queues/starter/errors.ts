import { defineErrorCodes } from '@course/platform/errors';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    JOB_NOT_FOUND: true;
    DEAD_LETTER_NOT_FOUND: true;
    IDEMPOTENCY_KEY_REUSED: true;
  }
}

/** The chapter's error codes, next to the base codes of @course/platform/errors. */
defineErrorCodes({
  JOB_NOT_FOUND: { status: 404, title: 'Job not found' },
  DEAD_LETTER_NOT_FOUND: { status: 404, title: 'Dead letter not found' },
  // draft-ietf-httpapi-idempotency-key-header §2.7: the key was used before for a different request.
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused' },
});
