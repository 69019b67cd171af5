import { AppError } from '../errors/app-error';
import { defineErrorCodes, type ErrorCode } from '../errors/error-codes';

declare module '../errors/error-codes' {
  interface ErrorCodes {
    AUTH_REQUIRED: true;
    AUTH_HEADER_MALFORMED: true;
    TOKEN_INVALID: true;
    TOKEN_EXPIRED: true;
    PERMISSION_DENIED: true;
  }
}

/** The codes the auth module answers with; registered when the module loads. */
export const AUTH_ERROR_CODES = defineErrorCodes({
  AUTH_REQUIRED: { status: 401, title: 'Authentication required' },
  AUTH_HEADER_MALFORMED: { status: 401, title: 'Malformed Authorization header' },
  TOKEN_INVALID: { status: 401, title: 'Invalid access token' },
  TOKEN_EXPIRED: { status: 401, title: 'Access token expired' },
  PERMISSION_DENIED: { status: 403, title: 'Permission denied' },
});

/** The error codes of RFC 6750 §3.1 that a Bearer challenge can carry. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/** The protection space named in challenges (RFC 9110 §11.5); `api` when not given. */
export interface RealmOption {
  realm?: string;
}

/**
 * A 401 with the WWW-Authenticate challenge that every 401 must carry (RFC 9110 §15.5.2), in the Bearer form of
 * RFC 6750 §3. Without an `error`, the challenge only names the scheme: the right answer to a request that sent no
 * credentials at all.
 */
export function unauthorized(
  code: ErrorCode,
  message: string,
  { realm = 'api', error }: RealmOption & { error?: BearerError } = {},
): AppError {
  const challenge = error ? `Bearer realm="${realm}", error="${error}"` : `Bearer realm="${realm}"`;
  return new AppError({ code, message, headers: { 'WWW-Authenticate': challenge } });
}
