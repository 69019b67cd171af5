/*
 * Generates the routes and the OpenAPI document from the controllers' TypeScript types, once for each tree:
 * solution/generated/ from solution/, and starter/generated/ from starter/. The generated routes import the
 * controllers by relative path, so a tree cannot borrow another tree's routes. Nothing in generated/ is committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSpecAndRoutes, type Config } from '@tsoa/cli';

const chapterDir = path.resolve(__dirname, '..');

function configFor(tree: string): Config {
  const dir = path.join(chapterDir, tree);
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
        'The Bookstore API of chapter 2: books and authors over REST, with RFC 9457 problem details.',
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
    if (!fs.existsSync(path.join(chapterDir, tree, 'app.ts'))) continue;
    const started = Date.now();
    await generateSpecAndRoutes({ configuration: configFor(tree) });
    console.log(`generated ${tree}/generated/{routes.ts,openapi.json} in ${Date.now() - started} ms`);
  }
}

void main();
