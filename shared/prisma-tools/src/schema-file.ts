import fs from 'node:fs';
import type { SchemasContainer } from '@prisma/schema-engine-wasm';
import { PrismaToolsError } from './prisma-tools-error';

/** Reads a schema.prisma file into the form the schema engine takes. */
export function readSchema(schemaPath: string): SchemasContainer {
  if (!fs.existsSync(schemaPath)) {
    throw new PrismaToolsError({
      code: 'SCHEMA_NOT_FOUND',
      message: `No Prisma schema at ${schemaPath}; pass its path with --schema`,
    });
  }
  return { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, 'utf8') }] };
}
