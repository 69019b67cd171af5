export {
  ACCESS_TOKEN_ALGORITHM,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
  type TokenConfig,
} from './access-token';
export {
  bearerAuthentication,
  type BearerAuthenticationOptions,
  type ExpressAuthentication,
} from './authentication';
export { parseBearer } from './bearer';
export { AUTH_ERROR_CODES, unauthorized, type BearerError, type RealmOption } from './challenge';
export { hashPassword, passwordHasher, verifyPassword, type PasswordHasher } from './password';
export { definePermissions, requirePermissions, type Permissions } from './permissions';
