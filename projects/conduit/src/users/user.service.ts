import { AppError, validationError } from '@course/platform/errors';
import { TOKEN_CHALLENGE } from '../auth/access-token';
import type { PasswordHasher, TokenIssuer } from '../auth/auth.types';
import type { UserRepository } from './user.repository';
import type { Taken, User, UserPatch } from './user.types';
import { UNCACHED, type PublicReads } from '../cache/public-reads';
import { blankField, checkFields, normalizeEmail, optionalText } from './user.validation';

export interface Credentials {
  email: string;
  password: string;
}

export interface Registration extends Credentials {
  username: string;
}

export interface UserUpdate {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
}

/** The account owner's view: the user and a fresh token. */
export interface AuthenticatedUser {
  user: User;
  token: string;
}

function takenError(result: Taken): AppError {
  return new AppError({ code: result.taken === 'username' ? 'USERNAME_TAKEN' : 'EMAIL_TAKEN' });
}

/** Registration, login and the account owner's profile. */
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly passwords: PasswordHasher,
    private readonly tokens: TokenIssuer,
    private readonly publicReads: PublicReads = UNCACHED,
  ) {}

  async register({ username, email, password }: Registration): Promise<AuthenticatedUser> {
    checkFields({ username, email, password });
    const passwordHash = await this.passwords.hash(password);
    // No lookup first: the unique indexes decide, also between two registrations at the same moment.
    const result = await this.users.create({
      username: username.trim(),
      email: normalizeEmail(email),
      passwordHash,
    });
    if ('taken' in result) throw takenError(result);
    return { user: result, token: this.tokens.issue(result.id) };
  }

  async login({ email, password }: Credentials): Promise<AuthenticatedUser> {
    blankField({ email, password });
    const user = await this.users.findByEmail(normalizeEmail(email));
    // verify() takes as long without an account, and the answer is the same: nobody learns which emails exist.
    const valid = await this.passwords.verify(password, user?.passwordHash);
    if (!user || !valid) throw new AppError({ code: 'CREDENTIALS_INVALID', headers: TOKEN_CHALLENGE });
    const { passwordHash: _, ...visible } = user;
    return { user: visible, token: this.tokens.issue(user.id) };
  }

  async current(userId: number): Promise<AuthenticatedUser> {
    const user = await this.users.findById(userId);
    // A valid token of an account that no longer exists.
    if (!user) throw new AppError({ code: 'TOKEN_INVALID', headers: TOKEN_CHALLENGE });
    return { user, token: this.tokens.issue(user.id) };
  }

  async update(userId: number, update: UserUpdate): Promise<AuthenticatedUser> {
    if (Object.values(update).every((value) => value === undefined)) {
      throw validationError('user', 'needs at least one field to change');
    }
    checkFields(update);
    const patch: UserPatch = {
      ...(update.username !== undefined && { username: update.username.trim() }),
      ...(update.email !== undefined && { email: normalizeEmail(update.email) }),
      ...(update.bio !== undefined && { bio: optionalText(update.bio) }),
      ...(update.image !== undefined && { image: optionalText(update.image) }),
      ...(update.password !== undefined && { passwordHash: await this.passwords.hash(update.password) }),
    };
    const result = await this.users.update(userId, patch);
    if (result === undefined) throw new AppError({ code: 'TOKEN_INVALID', headers: TOKEN_CHALLENGE });
    if ('taken' in result) throw takenError(result);
    // A username, bio or image shows in every article of its author.
    await this.publicReads.changed();
    return { user: result, token: this.tokens.issue(result.id) };
  }
}
