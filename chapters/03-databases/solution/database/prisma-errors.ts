import { Prisma } from '../generated/prisma/client';
import type { ConstraintViolation } from './constraint-violation';

/** Where Prisma 7 puts the name of the violated constraint when it runs through a driver adapter. */
interface AdapterErrorMeta {
  driverAdapterError?: { cause?: { constraint?: { index?: string } } };
}

/**
 * Reads a Prisma error: which unique index (P2002) or foreign key (P2003) a write broke, or undefined for any
 * other error. See "Error message reference" in Prisma's documentation for the codes.
 */
export function prismaConstraintViolation(error: unknown): ConstraintViolation | undefined {
  // #exercise 3.7
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const kind = error.code === 'P2002' ? 'unique' : error.code === 'P2003' ? 'foreign-key' : undefined;
  const meta = error.meta as AdapterErrorMeta | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint?.index;
  return kind && constraint ? { kind, constraint } : undefined;
  // #starter
  // return undefined;
  // #end
}

/** Whether a Prisma error says that the row to update or delete does not exist (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}
