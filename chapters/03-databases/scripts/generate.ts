/*
 * Generates what each tree needs and nobody edits by hand, once for solution/ and once for starter/:
 * - the Prisma client, from prisma/schema.prisma into generated/prisma/;
 * - the tsoa routes and the OpenAPI document, from the controllers' types into generated/.
 * Generated code imports its tree by relative path, so a tree cannot borrow another tree's. Nothing in
 * generated/ is committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSpecAndRoutes, type Config } from '@tsoa/cli';
import { generateClient } from '@course/prisma-tools';

const chapterDir = path.resolve(__dirname, '..');

function tsoaConfigFor(dir: string): Config {
  const outputDirectory = path.join(dir, 'generated');
  return {
    entryFile: path.join(dir, 'app.ts'),
    controllerPathGlobs: [path.join(dir, '**/*.controller.ts')],
    // A request with a property the schema does not know is a mistake worth reporting, not ignoring.
    noImplicitAdditionalProperties: 'throw-on-extras',
    compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true },
    spec: {
      outputDirectory,
      specFileBaseName: 'openapi',
      specVersion: 3,
      name: 'Bookstore API',
      version: '1.0.0',
      description:
        'The Bookstore API of chapter 3: books, authors and reviews over REST, stored in PostgreSQL, with RFC 9457 problem details.',
      license: 'MIT',
      basePath: '/api/v1',
    },
    routes: {
      routesDir: outputDirectory,
      middleware: 'express',
      basePath: '/',
      iocModule: path.join(dir, 'container.ts'),
      // JSON bodies are already typed; turning "12" into 12 would hide a client's mistake.
      bodyCoercion: false,
    },
  };
}

async function main(): Promise<void> {
  for (const tree of ['solution', 'starter']) {
    const dir = path.join(chapterDir, tree);
    if (!fs.existsSync(path.join(dir, 'app.ts'))) continue;
    const started = Date.now();
    // The routes import the Prisma client through the app, so the client comes first.
    await generateClient({ schemaPath: path.join(dir, 'prisma', 'schema.prisma'), cwd: dir });
    await generateSpecAndRoutes({ configuration: tsoaConfigFor(dir) });
    console.log(`generated ${tree}/generated/{prisma/,routes.ts,openapi.json} in ${Date.now() - started} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
