import { unauthorized } from './challenge';

// RFC 6750 §2.1: the scheme (case-insensitive, RFC 9110 §11.1), one space, and a token of these characters.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Takes the access token out of an `Authorization: Bearer <token>` header. */
export function parseBearer(header: string | undefined): string {
  // #exercise 4.4
  if (header === undefined || header === '') {
    throw unauthorized('AUTH_REQUIRED', 'Send an access token: Authorization: Bearer <token>.');
  }
  const match = BEARER.exec(header);
  if (!match) {
    throw unauthorized(
      'AUTH_HEADER_MALFORMED',
      'The Authorization header must be "Bearer <token>", with one space.',
      'invalid_request',
    );
  }
  return match[1]!;
  // #end
}
