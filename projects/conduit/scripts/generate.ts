/*
 * Generates everything under src/generated/ (git ignores it):
 *   - the Prisma client, from prisma/schema.prisma;
 *   - the tsoa routes and the OpenAPI document, from the controllers' TypeScript types.
 */
import path from 'node:path';
import { generateClient } from '@course/prisma-tools';
import { generateSpecAndRoutes, type Config } from '@tsoa/cli';

const projectDir = path.resolve(__dirname, '..');
const srcDir = path.join(projectDir, 'src');
const outputDirectory = path.join(srcDir, 'generated');

const config: Config = {
  entryFile: path.join(srcDir, 'app.ts'),
  controllerPathGlobs: [path.join(srcDir, '**/*.controller.ts')],
  // A property the schema does not know is a client's mistake worth reporting, and it stops mass assignment.
  noImplicitAdditionalProperties: 'throw-on-extras',
  compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true },
  spec: {
    outputDirectory,
    specFileBaseName: 'openapi',
    specVersion: 3,
    name: 'Conduit API',
    version: '1.0.0',
    description:
      'The RealWorld "Conduit" API (a Medium-like blogging platform), built on the course library. Register or ' +
      'log in, then Authorize with `Token <your token>`.',
    license: 'MIT',
    basePath: '/api',
    securityDefinitions: {
      Token: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        description: 'Send `Token <jwt>`, where the JWT comes from POST /users or POST /users/login.',
      },
    },
  },
  routes: {
    routesDir: outputDirectory,
    middleware: 'express',
    basePath: '/',
    iocModule: path.join(srcDir, 'container.ts'),
    authenticationModule: path.join(srcDir, 'auth', 'authentication.ts'),
    // JSON bodies are already typed; turning "12" into 12 would hide a client's mistake.
    bodyCoercion: false,
  },
};

async function main(): Promise<void> {
  const started = Date.now();
  await generateClient({ schemaPath: path.join(projectDir, 'prisma', 'schema.prisma'), cwd: projectDir });
  await generateSpecAndRoutes({ configuration: config });
  console.log(`generated src/generated/{prisma,routes.ts,openapi.json} in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
