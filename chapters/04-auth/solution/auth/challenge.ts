import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/error-codes';

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
