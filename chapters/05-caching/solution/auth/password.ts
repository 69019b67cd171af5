import { validationError } from '@course/platform/errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * The password policy: 12 to 128 characters, and not the account's email address. Length is what makes a password
 * hard to guess, so there are no rules about character classes (NIST SP 800-63B). Throws a 422 that names
 * `body.password`.
 */
export function checkPasswordPolicy(password: string, email: string): void {
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
}

// Hashing graduated into the library after chapter 4; the policy above is the Bookstore's own.
export { hashPassword, verifyPassword } from '@course/platform/auth';
