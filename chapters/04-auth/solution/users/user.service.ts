import { AppError } from '../errors/app-error';
import type { UserRepository } from './user.repository';
import type { RoleName, User } from './user.types';

export class UserService {
  constructor(private readonly users: UserRepository) {}

  /**
   * Replaces the roles of user `userId`. Whoever may call this can grant any role, so one rule stands above the
   * permission check: nobody changes their own roles, neither to rise nor to lock themselves out.
   */
  async setRoles(actor: User, userId: string, roles: RoleName[]): Promise<User> {
    // #exercise 4.6
    if (actor.id === userId) {
      throw new AppError({
        code: 'OWN_ROLES_LOCKED',
        message: 'Another administrator has to change your roles.',
      });
    }
    const user = await this.users.setRoles(userId, [...new Set(roles)]);
    if (!user) throw new AppError({ code: 'USER_NOT_FOUND', message: `No user has id ${userId}.` });
    return user;
    // #end
  }
}
