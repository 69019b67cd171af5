import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords that start alike would share a hash.
 * SHA-256 first, base64-encoded (44 bytes, and no NUL byte that would end bcrypt's input early), makes every
 * character count.
 */
function prehash(password: string): string {
  return createHash('sha256').update(password).digest('base64');
}

/** A bcrypt hash of the password, with a fresh random salt and the given cost; it embeds both. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(prehash(password), cost);
}

/** Whether the password is the one behind the hash. bcrypt reads the salt and cost from the hash itself. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(prehash(password), hash);
}

/** Hashing and checking passwords at one cost, with the same work done for accounts that do not exist. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Whether the password matches `hash`. With no hash (the account does not exist) it still runs one bcrypt
   * comparison, against a dummy hash of the same cost, and returns false: a login for an unknown email must take as
   * long as one with a wrong password, or the time tells an attacker which emails have accounts.
   */
  verify(password: string, hash: string | undefined): Promise<boolean>;
}

/**
 * A {@link PasswordHasher} at `cost` (bcrypt's log2 rounds: each step doubles the time a hash takes, for us and for an
 * attacker; 12 is about a quarter of a second on a laptop, 4 is bcrypt's floor and fit only for tests).
 */
export function passwordHasher({ cost }: { cost: number }): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hashPassword(password, cost),
    async verify(password, hash) {
      if (hash !== undefined) return verifyPassword(password, hash);
      dummy ??= hashPassword(randomBytes(32).toString('hex'), cost);
      await verifyPassword(password, await dummy);
      return false;
    },
  };
}
