import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { unauthorized, type RealmOption } from './challenge';

/** What signs and checks access tokens. The secret has no default: it comes from the environment (config). */
export interface TokenConfig {
  /** The HMAC-SHA256 key; at least 32 characters. */
  secret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
}

/** The claims every verified access token has (RFC 7519 §4.1). */
export interface AccessTokenClaims {
  /** The subject: the user id. */
  sub: string;
  /** The token's own id, for logs and for a deny-list. */
  jti: string;
  /** Issued at, in seconds since the epoch. */
  iat: number;
  /** Expires at, in seconds since the epoch. */
  exp: number;
}

/** The only algorithm signed and accepted. The token's header is written by whoever made the token. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';

/**
 * Signs an access token: HS256 with the secret, `iss`, `aud`, the subject as `sub`, a random `jti`, and `iat`/`exp`
 * `accessTtlSeconds` apart. Anyone holding the token can read its payload, so it carries ids only.
 */
export function signAccessToken(subject: string, config: TokenConfig): string {
  return jwt.sign({}, config.secret, {
    algorithm: ACCESS_TOKEN_ALGORITHM,
    subject,
    issuer: config.issuer,
    audience: config.audience,
    expiresIn: config.accessTtlSeconds,
    jwtid: randomUUID(),
  });
}

function hasRequiredClaims(payload: string | jwt.JwtPayload): payload is jwt.JwtPayload & AccessTokenClaims {
  return (
    typeof payload === 'object' &&
    typeof payload.sub === 'string' &&
    payload.sub !== '' &&
    typeof payload.jti === 'string' &&
    payload.jti !== '' &&
    typeof payload.iat === 'number' &&
    typeof payload.exp === 'number'
  );
}

/**
 * Checks an access token and returns its claims. Only HS256 is accepted whatever the header says; `iss` and `aud`
 * must be ours; `exp`, `iat`, `sub` and `jti` are required (jsonwebtoken checks `exp` only when it is present, so a
 * correctly signed token without one would otherwise never expire). An expired token gets TOKEN_EXPIRED so that the
 * client knows to refresh; anything else gets TOKEN_INVALID, without saying what.
 */
export function verifyAccessToken(
  token: string,
  config: TokenConfig,
  options: RealmOption = {},
): AccessTokenClaims {
  const invalid = () =>
    unauthorized('TOKEN_INVALID', 'The access token is not valid.', { ...options, error: 'invalid_token' });
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, config.secret, {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: config.issuer,
      audience: config.audience,
    });
  } catch (error) {
    // jsonwebtoken checks the signature before the expiry, so only a token that we signed can be "expired".
    if (error instanceof jwt.TokenExpiredError) {
      throw unauthorized('TOKEN_EXPIRED', 'The access token has expired; refresh it.', {
        ...options,
        error: 'invalid_token',
      });
    }
    throw invalid();
  }
  if (!hasRequiredClaims(payload)) throw invalid();
  return { sub: payload.sub, jti: payload.jti, iat: payload.iat, exp: payload.exp };
}
