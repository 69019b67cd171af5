import { AppError, defineErrorCodes, type ErrorCode } from '@course/platform/errors';

// The codes of a failed authentication, added to the library's typed registry of error codes.
declare module '@course/platform/errors' {
  interface ErrorCodes {
    AUTH_REQUIRED: true;
    AUTH_HEADER_MALFORMED: true;
    TOKEN_INVALID: true;
    TOKEN_EXPIRED: true;
    INVALID_CREDENTIALS: true;
    REFRESH_TOKEN_INVALID: true;
  }
}
defineErrorCodes({
  AUTH_REQUIRED: { status: 401, title: 'Authentication required' },
  AUTH_HEADER_MALFORMED: { status: 401, title: 'Malformed Authorization header' },
  TOKEN_INVALID: { status: 401, title: 'Invalid access token' },
  TOKEN_EXPIRED: { status: 401, title: 'Access token expired' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'Invalid refresh token' },
});

/** The error codes of RFC 6750 §3.1 that a Bearer challenge can carry. */
export type BearerError = 'invalid_request' | 'invalid_token';

/**
 * A 401 with the WWW-Authenticate challenge that every 401 must carry (RFC 9110 §15.5.2), in the Bearer form of
 * RFC 6750 §3. Without an `error`, the challenge only says which scheme to use: the right answer to a request
 * that sent no credentials at all.
 */
export function unauthorized(code: ErrorCode, message: string, error?: BearerError): AppError {
  const challenge = error ? `Bearer realm="bookstore", error="${error}"` : 'Bearer realm="bookstore"';
  return new AppError({ code, message, headers: { 'WWW-Authenticate': challenge } });
}
