import { unauthorized, type RealmOption } from './challenge';

// RFC 6750 §2.1: the scheme (case-insensitive, RFC 9110 §11.1), one space, and a token of these characters.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Takes the access token out of an `Authorization: Bearer <token>` header. A missing or empty header is
 * AUTH_REQUIRED (a challenge without an error, RFC 6750 §3.1); anything else that is not the Bearer form is
 * AUTH_HEADER_MALFORMED (`invalid_request`).
 */
export function parseBearer(header: string | undefined, options: RealmOption = {}): string {
  if (header === undefined || header.trim() === '') {
    throw unauthorized('AUTH_REQUIRED', 'Send an access token: Authorization: Bearer <token>.', options);
  }
  const match = BEARER.exec(header);
  if (!match) {
    throw unauthorized(
      'AUTH_HEADER_MALFORMED',
      'The Authorization header must be "Bearer <token>", with one space.',
      {
        ...options,
        error: 'invalid_request',
      },
    );
  }
  return match[1]!;
}
