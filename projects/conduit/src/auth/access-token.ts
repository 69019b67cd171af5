import jwt from 'jsonwebtoken';
import { AppError } from '@course/platform/errors';
import type { TokenIssuer } from './auth.types';

export interface TokenConfig {
  /** The HMAC key; from the environment, never defaulted. */
  secret: string;
  issuer: string;
  audience: string;
  ttlSeconds: number;
}

// One algorithm, named on both sides: a token that says "none" or RS256 is refused before its signature is read.
const ALGORITHM = 'HS256';

/** JWT access tokens (RFC 7519) for `Authorization: Token <jwt>`: HS256 only, and exp, iss, aud and sub required. */
export function jwtIssuer({ secret, issuer, audience, ttlSeconds }: TokenConfig): TokenIssuer {
  return {
    issue(userId) {
      return jwt.sign({}, secret, {
        algorithm: ALGORITHM,
        subject: String(userId),
        issuer,
        audience,
        expiresIn: ttlSeconds,
      });
    },
    verify(token) {
      let payload: string | jwt.JwtPayload;
      try {
        payload = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer, audience });
      } catch (error) {
        throw new AppError({
          code: 'TOKEN_INVALID',
          message: 'The token is invalid or expired.',
          cause: error,
        });
      }
      // jsonwebtoken accepts a token without exp; a token that never expires is not one we issued.
      const sub = typeof payload === 'object' ? payload.sub : undefined;
      if (
        typeof payload !== 'object' ||
        typeof payload.exp !== 'number' ||
        !/^[1-9]\d{0,9}$/.test(sub ?? '')
      ) {
        throw new AppError({ code: 'TOKEN_INVALID', message: 'The token lacks exp or a valid sub.' });
      }
      return Number(sub);
    },
  };
}
