/** Hashes and checks passwords (bcrypt, from the library). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Takes as long when `hash` is undefined (no such account), so that timing does not tell who has an account. */
  verify(password: string, hash: string | undefined): Promise<boolean>;
}

/** Issues and checks the access tokens that clients send as `Authorization: Token <jwt>`. */
export interface TokenIssuer {
  issue(userId: number): string;
  /** The user id in a valid token; throws TOKEN_INVALID for anything else. */
  verify(token: string): number;
}
