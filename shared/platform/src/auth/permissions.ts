import { AppError } from '../errors/app-error';

/**
 * Throws 403 PERMISSION_DENIED unless `granted` holds every permission in `required`. Check permissions, never role
 * names: which role permits what is data, and it can change without a deploy.
 */
export function requirePermissions<P extends string>(granted: Iterable<P>, required: readonly P[]): void {
  const held = new Set<string>(granted);
  const missing = required.filter((permission) => !held.has(permission));
  if (missing.length > 0) {
    throw new AppError({
      code: 'PERMISSION_DENIED',
      message: `This needs the permission ${missing.join(', ')}.`,
    });
  }
}

/** A closed set of permission names, so that a typo is a type error and an unknown name from outside is refused. */
export interface Permissions<P extends string> {
  readonly all: readonly P[];
  /** Whether a name (from a token, the database, a decorator) is one of the set. */
  is(name: string): name is P;
  /** Narrows names from outside (tsoa's scopes are plain strings); an unknown one is a programming error. */
  parse(names: readonly string[]): P[];
  /** {@link requirePermissions}, typed to the set. */
  require(granted: Iterable<P>, required: readonly P[]): void;
}

/**
 * Declares the permission names of an API.
 *
 * @example
 * export const permissions = definePermissions(['books:write', 'users:manage']);
 * type Permission = (typeof permissions.all)[number];
 */
export function definePermissions<const P extends string>(all: readonly P[]): Permissions<P> {
  const names = new Set<string>(all);
  const is = (name: string): name is P => names.has(name);
  return {
    all,
    is,
    parse(requested) {
      const unknown = requested.filter((name) => !is(name));
      if (unknown.length > 0) throw new TypeError(`unknown permission ${unknown.join(', ')}`);
      return requested as P[];
    },
    require: requirePermissions,
  };
}
