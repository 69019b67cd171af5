// TEMPORARY until @course/platform/database lands.
import { Prisma } from '../generated/prisma/client';

export interface ConstraintViolation {
  kind: 'unique' | 'foreign-key';
  constraint: string;
}

interface AdapterErrorMeta {
  driverAdapterError?: { cause?: { constraint?: { index?: string } } };
}

export function prismaConstraintViolation(error: unknown): ConstraintViolation | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  const kind = error.code === 'P2002' ? 'unique' : error.code === 'P2003' ? 'foreign-key' : undefined;
  const meta = error.meta as AdapterErrorMeta | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint?.index;
  return kind && constraint ? { kind, constraint } : undefined;
}

export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}
