import { defineErrorCodes } from '@course/platform/errors';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    RATE_LIMITED: true;
    RATE_LIMIT_UNAVAILABLE: true;
    TOO_MANY_LOGIN_ATTEMPTS: true;
  }
}

/** The answers of the rate limiter: 429 (RFC 6585 §4) when a client has spent its limit, 503 when it fails closed. */
export const RATE_LIMIT_ERROR_CODES = defineErrorCodes({
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  RATE_LIMIT_UNAVAILABLE: { status: 503, title: 'Rate limiting unavailable' },
  // Chapter 4's code, with chapter 4's meaning: registering it again with the same status and title is harmless.
  TOO_MANY_LOGIN_ATTEMPTS: { status: 429, title: 'Too many login attempts' },
});
