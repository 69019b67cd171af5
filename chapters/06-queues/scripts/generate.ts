/*
 * Generates the tsoa routes and the OpenAPI document from the controllers' types, once for solution/ and once
 * for starter/, into each tree's generated/ folder. Generated code imports its tree by relative path, so a tree
 * cannot borrow another tree's. Nothing in generated/ is committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateSpecAndRoutes, type Config } from '@tsoa/cli';

const chapterDir = path.resolve(__dirname, '..');

function tsoaConfigFor(dir: string): Config {
  const outputDirectory = path.join(dir, 'generated');
  return {
    entryFile: path.join(dir, 'app.ts'),
    controllerPathGlobs: [path.join(dir, '**/*.controller.ts')],
    noImplicitAdditionalProperties: 'throw-on-extras',
    compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, strict: true },
    spec: {
      outputDirectory,
      specFileBaseName: 'openapi',
      specVersion: 3,
      name: 'Bookstore jobs API',
      version: '1.0.0',
      description:
        'The background jobs of chapter 6: reports built by workers, followed through their job resource, and the dead-letter list.',
      license: 'MIT',
      basePath: '/api/v1',
    },
    routes: {
      routesDir: outputDirectory,
      middleware: 'express',
      basePath: '/',
      iocModule: path.join(dir, 'container.ts'),
      bodyCoercion: false,
    },
  };
}

async function main(): Promise<void> {
  for (const tree of ['solution', 'starter']) {
    const dir = path.join(chapterDir, tree);
    if (!fs.existsSync(path.join(dir, 'app.ts'))) continue;
    const started = Date.now();
    await generateSpecAndRoutes({ configuration: tsoaConfigFor(dir) });
    console.log(`generated ${tree}/generated/{routes.ts,openapi.json} in ${Date.now() - started} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
