// Access tokens graduated into the library after chapter 4: HS256 pinned, iss/aud/exp/jti required.
export { signAccessToken, verifyAccessToken, type AccessTokenClaims } from '@course/platform/auth';
