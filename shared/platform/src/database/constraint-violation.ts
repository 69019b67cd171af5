import { DatabaseError } from 'pg';

/**
 * A write that broke a unique index or a foreign key, named as PostgreSQL names the constraint (`books_isbn_key`).
 * Repositories turn their driver's error into this neutral shape and services decide what it means to a client
 * (409, 422), so that no HTTP-shaped error comes out of a repository. The database decides uniqueness: insert and
 * read the violation, never check first and insert after.
 */
export interface ConstraintViolation {
  kind: 'unique' | 'foreign-key';
  constraint: string;
}

// SQLSTATE codes from the PostgreSQL manual, appendix A ("PostgreSQL Error Codes").
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads a pg error: which unique index or foreign key a write broke, or undefined for any other error. */
export function pgConstraintViolation(error: unknown): ConstraintViolation | undefined {
  // Another copy of pg makes DatabaseErrors of another class; they have the same fields.
  const pgError =
    error instanceof DatabaseError || (isRecord(error) && 'severity' in error) ? error : undefined;
  if (!isRecord(pgError) || typeof pgError.constraint !== 'string') return undefined;
  if (pgError.code === UNIQUE_VIOLATION) return { kind: 'unique', constraint: pgError.constraint };
  if (pgError.code === FOREIGN_KEY_VIOLATION) return { kind: 'foreign-key', constraint: pgError.constraint };
  return undefined;
}

/** The fields of Prisma's PrismaClientKnownRequestError that the readers use. */
export interface PrismaKnownRequestError {
  name: 'PrismaClientKnownRequestError';
  code: string;
  meta?: Record<string, unknown>;
}

/**
 * Whether an error is a PrismaClientKnownRequestError, told by its name and code rather than by `instanceof`, so that
 * it works with every generated client (each brings its own runtime classes) and without importing one.
 */
export function isPrismaKnownRequestError(error: unknown): error is PrismaKnownRequestError {
  return (
    isRecord(error) &&
    error.name === 'PrismaClientKnownRequestError' &&
    typeof error.code === 'string' &&
    /^P\d{4}$/.test(error.code)
  );
}

/** Where Prisma 7 puts the name of the violated constraint when it runs through a driver adapter. */
function adapterConstraint(meta: Record<string, unknown> | undefined): string | undefined {
  const adapterError = meta?.driverAdapterError;
  const cause = isRecord(adapterError) ? adapterError.cause : undefined;
  const constraint = isRecord(cause) ? cause.constraint : undefined;
  const index = isRecord(constraint) ? constraint.index : undefined;
  return typeof index === 'string' ? index : undefined;
}

/**
 * Reads a Prisma error: which unique index (P2002) or foreign key (P2003) a write broke, or undefined for any other
 * error. See "Error message reference" in Prisma's documentation for the codes.
 */
export function prismaConstraintViolation(error: unknown): ConstraintViolation | undefined {
  if (!isPrismaKnownRequestError(error)) return undefined;
  const kind = error.code === 'P2002' ? 'unique' : error.code === 'P2003' ? 'foreign-key' : undefined;
  const constraint = adapterConstraint(error.meta);
  return kind && constraint ? { kind, constraint } : undefined;
}

/** Whether a Prisma error says that the row to update or delete does not exist (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return isPrismaKnownRequestError(error) && error.code === 'P2025';
}
