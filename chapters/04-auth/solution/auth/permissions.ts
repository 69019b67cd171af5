import { AppError, defineErrorCodes } from '@course/platform/errors';
import type { User } from '../users/user.types';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    PERMISSION_DENIED: true;
  }
}
defineErrorCodes({ PERMISSION_DENIED: { status: 403, title: 'Permission denied' } });

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
  // // Fails closed: until this is written, every operation that needs a permission is refused.
  // if (required.length > 0) {
  //   throw new AppError({
  //     code: 'PERMISSION_DENIED',
  //     message: `Exercise 4.6 is not done yet: requirePermissions() refuses ${required.join(', ')} until it is written.`,
  //   });
  // }
  // #end
}
