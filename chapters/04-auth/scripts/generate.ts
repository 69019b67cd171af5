/*
 * Generates, once for each tree (solution/ and starter/), everything under <tree>/generated/:
 *   - the Prisma client, from <tree>/prisma/schema.prisma;
 *   - the tsoa routes and the OpenAPI document, from the controllers' TypeScript types.
 * The generated routes import the controllers by relative path, so a tree cannot borrow another tree's routes.
 * Nothing in generated/ is committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateClient } from '@course/prisma-tools';
import { generateSpecAndRoutes, type Config } from '@tsoa/cli';

const chapterDir = path.resolve(__dirname, '..');

function configFor(tree: string): Config {
  const dir = path.join(chapterDir, tree);
  const outputDirectory = path.join(dir, 'generated');
  return {
    entryFile: path.join(dir, 'app.ts'),
    controllerPathGlobs: [path.join(dir, '**/*.controller.ts')],
    // A request with a property the schema does not know is a mistake worth reporting, not ignoring; it also
    // stops a client from slipping in fields such as `roles` (mass assignment).
    noImplicitAdditionalProperties: 'throw-on-extras',
    compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true },
    spec: {
      outputDirectory,
      specFileBaseName: 'openapi',
      specVersion: 3,
      name: 'Bookstore API',
      version: '1.0.0',
      description:
        'The Bookstore API of chapter 4: books and authors behind JWT access tokens, rotating refresh tokens and ' +
        'role-based permissions, with RFC 9457 problem details. Log in with POST /auth/login, then Authorize ' +
        'with the access token.',
      license: 'MIT',
      basePath: '/api/v1',
      securityDefinitions: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The accessToken of POST /auth/login or POST /auth/refresh.',
        },
      },
    },
    routes: {
      routesDir: outputDirectory,
      middleware: 'express',
      basePath: '/',
      iocModule: path.join(dir, 'container.ts'),
      authenticationModule: path.join(dir, 'auth', 'authentication.ts'),
      // JSON bodies are already typed; turning "12" into 12 would hide a client's mistake.
      bodyCoercion: false,
    },
  };
}

async function main(): Promise<void> {
  for (const tree of ['solution', 'starter']) {
    if (!fs.existsSync(path.join(chapterDir, tree, 'app.ts'))) continue;
    const started = Date.now();
    await generateClient({
      schemaPath: path.join(chapterDir, tree, 'prisma', 'schema.prisma'),
      cwd: chapterDir,
    });
    await generateSpecAndRoutes({ configuration: configFor(tree) });
    console.log(`generated ${tree}/generated/{prisma,routes.ts,openapi.json} in ${Date.now() - started} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
