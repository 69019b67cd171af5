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
  // #exercise 4.3
  return jwt.sign({}, config.secret, {
    algorithm: 'HS256',
    subject: userId,
    issuer: config.issuer,
    audience: config.audience,
    expiresIn: config.accessTtlSeconds,
    jwtid: randomUUID(),
  });
  // #end
}

/**
 * Checks an access token and returns its claims. Only HS256 is accepted, whatever the token's header says: the
 * header is written by whoever made the token. The token must carry sub, jti, iat and exp, and our iss and aud. An expired token gets TOKEN_EXPIRED, so that the client knows to
 * refresh; anything else wrong gets TOKEN_INVALID, without saying what.
 */
export function verifyAccessToken(token: string, config: TokenConfig): AccessTokenClaims {
  // #exercise 4.3
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, config.secret, {
      algorithms: ['HS256'],
      issuer: config.issuer,
      audience: config.audience,
    });
  } catch (error) {
    // jsonwebtoken checks the signature before the expiry, so only a token that we signed can be "expired".
    if (error instanceof jwt.TokenExpiredError) {
      throw unauthorized('TOKEN_EXPIRED', 'The access token has expired; refresh it.', 'invalid_token');
    }
    throw unauthorized('TOKEN_INVALID', 'The access token is not valid.', 'invalid_token');
  }
  // jsonwebtoken checks exp only when a token has one, and iss and aud only because we ask: a correctly signed
  // token without an expiry would be good forever. Every claim that signAccessToken() writes must be there.
  if (
    typeof payload === 'string' ||
    typeof payload.sub !== 'string' ||
    typeof payload.jti !== 'string' ||
    typeof payload.iat !== 'number' ||
    typeof payload.exp !== 'number'
  ) {
    throw unauthorized('TOKEN_INVALID', 'The access token is not valid.', 'invalid_token');
  }
  return { sub: payload.sub, jti: payload.jti };
  // #end
}
