import type { Request } from 'express';
import { parseBearer } from './bearer';
import type { RealmOption } from './challenge';
import { requirePermissions } from './permissions';

/** The function tsoa calls before every operation marked `@Security(name, scopes)` (its `authenticationModule`). */
export type ExpressAuthentication<U> = (
  request: Request,
  securityName: string,
  scopes?: string[],
) => Promise<U>;

/** What {@link bearerAuthentication} needs from the app. */
export interface BearerAuthenticationOptions<U> extends RealmOption {
  /** The security scheme's name in the OpenAPI document; `bearer` by default. */
  scheme?: string;
  /** The user behind a token, or a thrown 401 (verify the token, then load the user, so a deleted one is refused). */
  authenticate(token: string, request: Request): Promise<U>;
  /** The permissions the user holds, checked against the operation's scopes (403 when one is missing). */
  permissionsOf(user: U): Iterable<string>;
}

/**
 * Makes tsoa's `expressAuthentication` for a Bearer scheme: parse the header (401), authenticate the token (401),
 * then check the operation's scopes as permissions (403). What it returns becomes `request.user`; what it throws
 * reaches errorHandler(), so 401 and 403 are problem+json like every other error.
 *
 * @example
 * // auth/authentication.ts, the authenticationModule of scripts/generate.ts
 * export const expressAuthentication = bearerAuthentication({
 *   authenticate: (token, request) => servicesOf(request.app).authenticator.authenticate(token),
 *   permissionsOf: (user) => user.permissions,
 * });
 */
export function bearerAuthentication<U>(options: BearerAuthenticationOptions<U>): ExpressAuthentication<U> {
  const scheme = options.scheme ?? 'bearer';
  return async (request, securityName, scopes = []) => {
    if (securityName !== scheme) throw new Error(`unknown security scheme "${securityName}"`);
    const token = parseBearer(request.get('Authorization'), options);
    const user = await options.authenticate(token, request);
    requirePermissions(options.permissionsOf(user), scopes);
    return user;
  };
}
