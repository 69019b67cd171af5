import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { TokenConfig } from '../config';
import { unauthorized } from './challenge';

/** What the API reads from a verified access token. */
export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  /** The token's own id, for logs and for a deny-list if one is ever needed. */
  jti: string;
}

/**
 * Signs an access token for a user: HS256 with our secret, our issuer and audience, the user id as `sub`, a
 * random `jti`, and `iat`/`exp` `accessTtlSeconds` apart. The payload is readable by anyone who holds the token,
 * so it carries ids only; roles and permissions are looked up on every request.
 */
export function signAccessToken(userId: string, config: TokenConfig): string {
  // #exercise 4.3: Issue and verify access tokens. Stuck? pnpm course hint 4.3
  throw new Error('Exercise 4.3 is not done yet: Issue and verify access tokens');
  // #end
}

/**
 * Checks an access token and returns its claims. Only HS256 is accepted, whatever the token's header says: the
 * header is written by whoever made the token. The token must carry sub, jti, iat and exp, and our iss and aud. An expired token gets TOKEN_EXPIRED, so that the client knows to
 * refresh; anything else wrong gets TOKEN_INVALID, without saying what.
 */
export function verifyAccessToken(token: string, config: TokenConfig): AccessTokenClaims {
  // #exercise 4.3: Issue and verify access tokens. Stuck? pnpm course hint 4.3
  throw new Error('Exercise 4.3 is not done yet: Issue and verify access tokens');
  // #end
}
