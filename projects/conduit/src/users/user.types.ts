/** A user as the account owner sees it (GET /user), without the token that the service adds. */
export interface User {
  id: number;
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
}

export interface UserWithPassword extends User {
  passwordHash: string;
}

export interface NewUser {
  username: string;
  /** Trimmed and lower-cased by the service. */
  email: string;
  passwordHash: string;
}

/** The fields to change; a missing field stays as it is, null clears bio or image. */
export interface UserPatch {
  username?: string;
  email?: string;
  passwordHash?: string;
  bio?: string | null;
  image?: string | null;
}

/** Which unique field another account already holds: the answer of the database's unique index. */
export interface Taken {
  taken: 'username' | 'email';
}
