import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
  generateRoutes,
  generateSpec,
  validateSpecConfig,
  type Config,
  type ExtendedRoutesConfig,
} from '@tsoa/cli';

/** The API's description in its OpenAPI document. */
export interface ApiInfo {
  name: string;
  description: string;
  /** 1.0.0 by default. */
  version?: string;
  /** The prefix of every route, such as `/api/v1`; the document's server URL. */
  basePath: string;
  /** The document's security schemes, such as `{ bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }`. */
  securityDefinitions?: NonNullable<Config['spec']['securityDefinitions']>;
}

/** What {@link generate} generates, and where. */
export interface GenerateOptions {
  /** The package's folder: a chapter's, a project's. */
  packageDir: string;
  /** The trees to generate for, relative to `packageDir`; `solution` and `starter` by default. A tree without its entry file is skipped. */
  trees?: readonly string[];
  api: ApiInfo;
  /** tsoa's entry file, relative to the tree; `app.ts` by default. */
  entryFile?: string;
  /** The module that makes controllers, relative to the tree; `container.ts` when the tree has one. */
  iocModule?: string;
  /** The module that exports `expressAuthentication`, relative to the tree, for operations marked `@Security`. */
  authenticationModule?: string;
}

/** What was generated for one tree. */
export interface GeneratedTree {
  tree: string;
  prismaClient: boolean;
  durationMs: number;
}

/** A generation step that failed, with the tree and step in its message. */
export class GenerateError extends Error {
  override name = 'GenerateError';
}

function tsoaConfig(dir: string, options: GenerateOptions): Config {
  const outputDirectory = path.join(dir, 'generated');
  const ioc =
    options.iocModule ?? (fs.existsSync(path.join(dir, 'container.ts')) ? 'container.ts' : undefined);
  return {
    entryFile: path.join(dir, options.entryFile ?? 'app.ts'),
    controllerPathGlobs: [path.join(dir, '**/*.controller.ts')],
    // A request with a property the schema does not know is a mistake worth reporting, not ignoring; it also stops
    // a client from slipping in fields such as `roles` (mass assignment).
    noImplicitAdditionalProperties: 'throw-on-extras',
    spec: {
      outputDirectory,
      specFileBaseName: 'openapi',
      specVersion: 3,
      name: options.api.name,
      version: options.api.version ?? '1.0.0',
      description: options.api.description,
      license: 'MIT',
      basePath: options.api.basePath,
      ...(options.api.securityDefinitions && { securityDefinitions: options.api.securityDefinitions }),
    },
    routes: {
      routesDir: outputDirectory,
      middleware: 'express',
      basePath: '/',
      ...(ioc && { iocModule: path.join(dir, ioc) }),
      ...(options.authenticationModule && {
        authenticationModule: path.join(dir, options.authenticationModule),
      }),
      // JSON bodies are already typed; turning "12" into 12 would hide a client's mistake.
      bodyCoercion: false,
    },
  };
}

/**
 * tsoa's spec, then its routes from the same metadata. tsoa's own generateSpecAndRoutes() calls process.exit(1) on
 * an error, which would hide which tree and step failed; its parts throw instead.
 */
async function tsoa(config: Config): Promise<void> {
  // As in tsconfig.base.json: nodenext resolution reads package `exports`, which is how `@course/platform/lists`
  // and its types are found.
  const compilerOptions = {
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const specConfig = await validateSpecConfig(config);
  const metadata = await generateSpec(specConfig, compilerOptions, config.ignore);
  const routesConfig: ExtendedRoutesConfig = {
    ...config.routes,
    entryFile: config.entryFile,
    noImplicitAdditionalProperties: specConfig.noImplicitAdditionalProperties,
    bodyCoercion: config.routes.bodyCoercion ?? true,
    controllerPathGlobs: config.controllerPathGlobs,
  };
  await generateRoutes(routesConfig, compilerOptions, config.ignore, metadata);
}

async function step(tree: string, what: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const details = (error as { details?: string }).details;
    const message = error instanceof Error ? error.message : String(error);
    throw new GenerateError(`${tree}/: ${what} failed: ${message}${details ? `\n${details}` : ''}`, {
      cause: error,
    });
  }
}

/**
 * Generates, for each tree of a package, everything under `<tree>/generated/` that nobody edits by hand: the Prisma
 * client (only when the tree has `prisma/schema.prisma`, through @course/prisma-tools, which needs no native engine),
 * then the tsoa routes and the OpenAPI document. The routes import the tree's controllers by relative path, so a
 * tree cannot borrow another tree's; the client comes first because the routes reach it through the app.
 */
export async function generate(options: GenerateOptions): Promise<GeneratedTree[]> {
  const done: GeneratedTree[] = [];
  for (const tree of options.trees ?? ['solution', 'starter']) {
    const dir = path.join(options.packageDir, tree);
    if (!fs.existsSync(path.join(dir, options.entryFile ?? 'app.ts'))) continue;
    const started = Date.now();
    const schemaPath = path.join(dir, 'prisma', 'schema.prisma');
    const prismaClient = fs.existsSync(schemaPath);
    if (prismaClient) {
      // prisma.config.ts is looked for where Prisma runs: the tree's, else the package's.
      const cwd = fs.existsSync(path.join(dir, 'prisma.config.ts')) ? dir : options.packageDir;
      // Loaded only when needed: prisma-tools brings Prisma's WebAssembly engine, which a tsoa-only package never uses.
      const { generateClient } = await import('@course/prisma-tools');
      await step(tree, 'prisma generate', () => generateClient({ schemaPath, cwd }));
    }
    await step(tree, 'tsoa spec and routes', () => tsoa(tsoaConfig(dir, options)));
    done.push({ tree, prismaClient, durationMs: Date.now() - started });
  }
  return done;
}

/**
 * A package's `scripts/generate.ts` in one call: runs {@link generate}, prints what it made, and on failure prints
 * the tree, the step and the reason, and sets the exit code to 1.
 *
 * @example
 * runGenerate({ packageDir: path.resolve(__dirname, '..'), api: { name: 'Bookstore API', description, basePath: '/api/v1' } });
 */
export function runGenerate(options: GenerateOptions): Promise<void> {
  return generate(options).then(
    (trees) => {
      for (const { tree, prismaClient, durationMs } of trees) {
        const made = prismaClient ? '{prisma/,routes.ts,openapi.json}' : '{routes.ts,openapi.json}';
        console.log(`generated ${tree}/generated/${made} in ${durationMs} ms`);
      }
    },
    (error: unknown) => {
      console.error(`generate: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
