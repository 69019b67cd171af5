import type { Request } from 'express';
import { authenticate, type Viewer } from './viewer';

/** The security scheme of the spec (`securityDefinitions` in scripts/generate.ts). */
export const TOKEN_SCHEME = 'Token';

/**
 * tsoa calls this before every operation marked `@Security('Token')` (the `authenticationModule` in
 * scripts/generate.ts); what it returns becomes `request.user`, what it throws goes to the error handler.
 */
export async function expressAuthentication(request: Request, securityName: string): Promise<Viewer> {
  if (securityName !== TOKEN_SCHEME) throw new Error(`unknown security scheme "${securityName}"`);
  return authenticate(request);
}
