import { signAccessToken, verifyAccessToken, type TokenConfig } from '@course/platform/auth';
import { AppError } from '@course/platform/errors';
import type { TokenIssuer } from './auth.types';

export type { TokenConfig };

/** What a 401 challenges with (RFC 9110 §11.6.1): the spec's `Token` scheme, not Bearer. */
export const TOKEN_CHALLENGE = { 'WWW-Authenticate': 'Token realm="conduit"' };

// A user id is a positive int4; anything else in `sub` was not issued here.
const USER_ID = /^[1-9]\d{0,9}$/;

/**
 * The library's access tokens (HS256 pinned; exp, iat, iss, aud, sub and jti required) with the user id as subject,
 * and its 401s re-issued with the Token challenge.
 */
export function jwtIssuer(config: TokenConfig): TokenIssuer {
  return {
    issue: (userId) => signAccessToken(String(userId), config),
    verify(token) {
      let sub: string;
      try {
        ({ sub } = verifyAccessToken(token, config));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        throw new AppError({
          code: error.code,
          message: error.message,
          headers: TOKEN_CHALLENGE,
          cause: error,
        });
      }
      if (!USER_ID.test(sub) || Number(sub) > 2_147_483_647) {
        throw new AppError({
          code: 'TOKEN_INVALID',
          message: 'The access token is not valid.',
          headers: TOKEN_CHALLENGE,
        });
      }
      return Number(sub);
    },
  };
}
