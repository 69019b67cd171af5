import { AppError } from '../errors/app-error';
import type { User } from '../users/user.types';

/**
 * Throws 403 unless the user holds every permission in `required`. It checks permissions, never role names: which
 * role permits what is data in the database, and it can change without a deploy.
 */
export function requirePermissions(user: User, required: readonly string[]): void {
  // #exercise 4.6
  const granted = new Set<string>(user.permissions);
  const missing = required.filter((permission) => !granted.has(permission));
  if (missing.length > 0) {
    throw new AppError({
      code: 'PERMISSION_DENIED',
      message: `This needs the permission ${missing.join(', ')}.`,
    });
  }
  // #starter
  // #end
}
