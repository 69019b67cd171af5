/*
 * Generates the Prisma client of the library's test fixture (test/fixture/generated/), which the database
 * module's tests use; the library itself never imports a generated client.
 */
import path from 'node:path';
import { generateClient } from '@course/prisma-tools';

const fixture = path.join(__dirname, '..', 'test', 'fixture');

generateClient({ schemaPath: path.join(fixture, 'prisma', 'schema.prisma'), cwd: fixture }).catch(
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
