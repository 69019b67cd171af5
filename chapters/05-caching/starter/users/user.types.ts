export const ROLE_NAMES = ['reader', 'editor', 'admin'] as const;
/** What a user is to the shop. The database says what each role permits (table role_permissions). */
export type RoleName = (typeof ROLE_NAMES)[number];

/** What the code checks. Roles are granted to users; permissions are asked for by operations. */
export type Permission =
  | 'books:read'
  | 'books:write'
  | 'books:delete'
  | 'authors:read'
  | 'authors:write'
  | 'authors:delete'
  | 'reviews:write'
  | 'users:manage';

/** A user as the API shows it: never with a password or a hash. */
export interface User {
  /** A UUID, assigned by the server. */
  id: string;
  email: string;
  roles: RoleName[];
  /** Everything the roles permit, from the database. */
  permissions: Permission[];
  createdAt: Date;
}

/** What login needs to check a password; it never leaves the auth service. */
export interface UserCredentials {
  id: string;
  passwordHash: string;
}

export interface RolesInput {
  /** The user's roles from now on; they replace the current ones. An empty list leaves the account unable to do anything. */
  roles: RoleName[];
}
