import type { Request } from 'express';
import type { User } from '../users/user.types';

/** The user that authentication attached to the request; only operations marked with @Security have one. */
export function currentUser(request: Request): User {
  if (!request.user) throw new Error('currentUser() needs an operation marked with @Security');
  return request.user;
}
