import { ownRolesLocked, userNotFound } from './user.errors';
import type { UserRepository } from './user.repository';
import type { RoleName, User } from './user.types';

export class UserService {
  constructor(private readonly users: UserRepository) {}

  /**
   * Replaces the roles of user `userId`, a UUID that the controller has parsed into lower case, as every id
   * that the database hands out is. Whoever may call this can grant any role, so one rule stands above the
   * permission check: nobody changes their own roles, neither to rise nor to lock themselves out.
   */
  async setRoles(actor: User, userId: string, roles: RoleName[]): Promise<User> {
    // #exercise 4.6: Roles and permissions. Stuck? pnpm course hint 4.6
    throw new Error('Exercise 4.6 is not done yet: Roles and permissions');
    // #end
  }
}
