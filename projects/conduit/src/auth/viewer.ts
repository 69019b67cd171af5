import type { Request } from 'express';
import { AppError } from '@course/platform/errors';
import { servicesOf } from '../container';
import { TOKEN_CHALLENGE } from './access-token';

/** Who sends a request: the user id in a valid token. */
export interface Viewer {
  id: number;
}

// The RealWorld spec's scheme: `Authorization: Token <jwt>` (case-insensitive scheme, RFC 9110 §11.1).
const TOKEN_HEADER = /^Token ([A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+\.[A-Za-z0-9\-_]+)$/i;

/** The viewer of a request with an Authorization header; 401 when it is missing, malformed or not valid. */
export function authenticate(request: Request): Viewer {
  const header = request.get('Authorization');
  if (header === undefined || header.trim() === '') {
    throw new AppError({ code: 'AUTH_REQUIRED', headers: TOKEN_CHALLENGE });
  }
  const match = TOKEN_HEADER.exec(header.trim());
  if (!match) {
    throw new AppError({
      code: 'AUTH_HEADER_MALFORMED',
      message: 'The Authorization header must be "Token <jwt>".',
      headers: TOKEN_CHALLENGE,
    });
  }
  return { id: servicesOf(request.app).tokens.verify(match[1] as string) };
}

/** For operations where a token is optional: no header is an anonymous viewer, a bad one is still 401. */
export async function optionalViewer(request: Request): Promise<Viewer | undefined> {
  return request.get('Authorization') === undefined ? undefined : authenticate(request);
}

/** The viewer that authentication attached; only operations marked @Security('Token') have one. */
export function viewerOf(request: Request): Viewer {
  if (!request.user) throw new Error('viewerOf() needs an operation marked with @Security');
  return request.user;
}
