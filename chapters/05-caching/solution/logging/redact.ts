import winston from 'winston';

export const REDACTED = '[REDACTED]';

/** Whether a field holds a secret, by its name: `password`, `passwordHash`, `refresh_token`, `Authorization`... */
export function isSecretKey(key: string): boolean {
  // Compare letters only, so that `access_token`, `accessToken` and `Access-Token` are one name.
  return /password|token|secret|authorization|cookie/.test(key.toLowerCase().replace(/[^a-z]/g, ''));
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of `value` in which every field with a secret's name, at any depth, is masked. The copy leaves the
 * caller's objects as they were; values that are not plain objects or arrays (dates, numbers) pass unchanged.
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null || !isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : redact(item)]),
  );
}

/** A winston format that masks secrets in every log entry before any transport sees it. */
export const redactSecrets = winston.format((info) => {
  // winston gives each entry a fresh top-level object, so it may be changed in place; nested values are copied.
  for (const key of Object.keys(info)) info[key] = isSecretKey(key) ? REDACTED : redact(info[key]);
  return info;
});
