import { validationErrors, type FieldError } from '@course/platform/errors';

// The OpenAPI schema (user.controller.ts) already checks types and lengths; these are the rules it cannot say.
const USERNAME = /^[\p{L}\p{N}_.-]+$/u;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
// NIST SP 800-63B §5.1.1.2: at least 8 characters, no composition rules. (The library hashes with SHA-256 before
// bcrypt, so every character of a long password counts.)
const MIN_PASSWORD_LENGTH = 8;

/** Lower case and no surrounding spaces: one mailbox, one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An empty or blank bio or image means "none". */
export function optionalText(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}

/** 422 "can't be blank" for every given field that is empty or only spaces. */
export function blankField(fields: Record<string, string | undefined>): void {
  const errors = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value.trim() === '')
    .map(([field]) => ({ field, message: "can't be blank" }));
  if (errors.length > 0) throw validationErrors(errors);
}

/** Checks the fields that are present; every problem is reported at once. */
export function checkFields(fields: {
  username?: string;
  email?: string;
  password?: string;
  image?: string | null;
}): void {
  blankField({ username: fields.username, email: fields.email, password: fields.password });
  const errors: FieldError[] = [];
  if (fields.username !== undefined && !USERNAME.test(fields.username.trim())) {
    errors.push({ field: 'username', message: 'may hold only letters, digits, "_", "." and "-"' });
  }
  if (fields.email !== undefined && !EMAIL.test(fields.email.trim()))
    errors.push({ field: 'email', message: 'is invalid' });
  if (fields.password !== undefined && [...fields.password].length < MIN_PASSWORD_LENGTH) {
    errors.push({
      field: 'password',
      message: `is too short (minimum is ${MIN_PASSWORD_LENGTH} characters)`,
    });
  }
  const image = fields.image?.trim();
  if (image && !(URL.canParse(image) && /^https?:$/.test(new URL(image).protocol))) {
    errors.push({ field: 'image', message: 'must be an http or https URL' });
  }
  if (errors.length > 0) throw validationErrors(errors);
}
