import type { Request } from 'express';
import { servicesOf } from '../container';
import type { User } from '../users/user.types';
import { requirePermissions } from './permissions';

/** The only security scheme the API declares (`securityDefinitions` in scripts/generate.ts). */
export const BEARER_SCHEME = 'bearer';

/**
 * tsoa calls this before every operation marked `@Security('bearer', [...permissions])` (the
 * `authenticationModule` in scripts/generate.ts). What it returns becomes `request.user`; what it throws goes to
 * the error handler, so 401 and 403 are problem+json like every other error.
 */
export async function expressAuthentication(
  request: Request,
  securityName: string,
  permissions: string[] = [],
): Promise<User> {
  if (securityName !== BEARER_SCHEME) throw new Error(`unknown security scheme "${securityName}"`);
  const user = await servicesOf(request.app).authenticator.authenticate(request.get('Authorization'));
  requirePermissions(user, permissions);
  return user;
}
