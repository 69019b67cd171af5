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
    if (actor.id === userId) throw ownRolesLocked();
    const user = await this.users.setRoles(userId, [...new Set(roles)]);
    if (!user) throw userNotFound(userId);
    return user;
  }
}
