import { AppError } from '../errors/app-error';
import type { User } from '../users/user.types';

/**
 * Throws 403 unless the user holds every permission in `required`. It checks permissions, never role names: which
 * role permits what is data in the database, and it can change without a deploy.
 */
export function requirePermissions(user: User, required: readonly string[]): void {
  // #exercise 4.6: Roles and permissions. Stuck? pnpm course hint 4.6
  // #end
}
