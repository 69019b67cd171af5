import { unauthorized as bearerChallenge, type BearerError } from '@course/platform/auth';
import { defineErrorCodes, type AppError, type ErrorCode } from '@course/platform/errors';

// The library registers the codes of a failed authentication; these two are the Bookstore's login and refresh.
declare module '@course/platform/errors' {
  interface ErrorCodes {
    INVALID_CREDENTIALS: true;
    REFRESH_TOKEN_INVALID: true;
  }
}
defineErrorCodes({
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'Invalid refresh token' },
});

/** The Bookstore's realm for the library's 401 with a Bearer challenge (RFC 6750 §3). */
export const REALM = 'bookstore';

/** A 401 with `WWW-Authenticate: Bearer realm="bookstore"`, and the RFC 6750 error when there is one. */
export function unauthorized(code: ErrorCode, message: string, error?: BearerError): AppError {
  return bearerChallenge(code, message, { realm: REALM, error });
}
