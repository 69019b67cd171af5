import { unauthorized } from './challenge';

// RFC 6750 §2.1: the scheme (case-insensitive, RFC 9110 §11.1), one space, and a token of these characters.
const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/** Takes the access token out of an `Authorization: Bearer <token>` header. */
export function parseBearer(header: string | undefined): string {
  // #exercise 4.4: Authenticate requests with a bearer token. Stuck? pnpm course hint 4.4
  throw new Error('Exercise 4.4 is not done yet: Authenticate requests with a bearer token');
  // #end
}
