import { DatabaseError } from 'pg';
import type { ConstraintViolation } from './constraint-violation';

// SQLSTATE codes from the PostgreSQL manual, appendix A ("PostgreSQL Error Codes").
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** Reads a pg error: which unique index or foreign key a write broke, or undefined for any other error. */
export function pgConstraintViolation(error: unknown): ConstraintViolation | undefined {
  if (!(error instanceof DatabaseError) || error.constraint === undefined) return undefined;
  if (error.code === UNIQUE_VIOLATION) return { kind: 'unique', constraint: error.constraint };
  if (error.code === FOREIGN_KEY_VIOLATION) return { kind: 'foreign-key', constraint: error.constraint };
  return undefined;
}
