import { bearerAuthentication } from '@course/platform/auth';
import { servicesOf } from '../container';
import { REALM } from './challenge';

/** The only security scheme the API declares (`securityDefinitions` in scripts/generate.ts). */
export const BEARER_SCHEME = 'bearer';

/**
 * tsoa calls this before every operation marked `@Security('bearer', [...permissions])` (the
 * `authenticationModule` in scripts/generate.ts): the library parses the header, this app finds the user, and the
 * library checks the operation's permissions.
 */
export const expressAuthentication = bearerAuthentication({
  scheme: BEARER_SCHEME,
  realm: REALM,
  authenticate: (token, request) => servicesOf(request.app).authenticator.authenticate(token),
  permissionsOf: (user) => user.permissions,
});
