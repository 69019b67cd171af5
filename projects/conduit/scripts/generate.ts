/*
 * Generates everything under src/generated/ (git ignores it):
 *   - the Prisma client, from prisma/schema.prisma;
 *   - the tsoa routes and the OpenAPI document, from the controllers' TypeScript types.
 */
import path from 'node:path';
import { generateClient } from '@course/prisma-tools';

const projectDir = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const started = Date.now();
  await generateClient({ schemaPath: path.join(projectDir, 'prisma', 'schema.prisma'), cwd: projectDir });
  console.log(`generated src/generated/prisma in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
