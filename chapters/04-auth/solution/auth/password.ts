import { createHash } from 'node:crypto';
import bcrypt from 'bcrypt';
import { validationError } from '@course/platform/errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The password policy: 12 to 128 characters, and not the account's email address. Length is what makes a password
 * hard to guess, so there are no rules about character classes (NIST SP 800-63B). Throws a 422 that names
 * `body.password`.
 */
export function checkPasswordPolicy(password: string, email: string): void {
  // #exercise 4.1
  // Characters, not UTF-16 units: an emoji is one character to the person typing it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw validationError(
      'body.password',
      `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`,
    );
  }
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) {
    throw validationError('body.password', 'must not be your email address');
  }
  // #end
}

/**
 * bcrypt reads only the first 72 bytes of its input, so two long passwords that start alike would share a hash.
 * SHA-256 first, base64-encoded (44 bytes, and no NUL byte that would end bcrypt's input early), makes every
 * character count.
 */
function prehash(password: string): string {
  // #exercise 4.1
  return createHash('sha256').update(password).digest('base64');
  // #end
}

/** A bcrypt hash of the password, with a fresh random salt and the given cost; it embeds both. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  // #exercise 4.1
  return bcrypt.hash(prehash(password), cost);
  // #end
}

/** Whether the password is the one behind the hash. bcrypt reads the salt and cost from the hash itself. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  // #exercise 4.1
  return bcrypt.compare(prehash(password), hash);
  // #end
}
