import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine, SchemaFilter, SchemasContainer } from '@prisma/schema-engine-wasm';
import { MigrationAdapterFactory } from './adapter-factory';
import { PrismaToolsError } from './prisma-tools-error';
import { loadEngine, onEnginePanic } from './wasm-engine';

export type { SchemaEngine, SchemasContainer };

/** No table or enum is managed outside the schema. */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

class EnginePanic extends Error {}

function toToolsError(error: unknown): PrismaToolsError {
  if (error instanceof PrismaToolsError) return error;
  if (error instanceof EnginePanic) {
    const [where, ...explanation] = error.message.split('\n');
    return new PrismaToolsError({
      code: 'SCHEMA_ENGINE_FAILED',
      message: `The schema engine crashed: ${where}`,
      details: explanation.join('\n') || undefined,
    });
  }
  // An engine error is a one-line message, sometimes a code frame of the schema, then a Rust span trace.
  const [firstLine = '', ...rest] = (error instanceof Error ? error.message : String(error)).split('\n');
  const traceStart = rest.findIndex((line) => /^\s*\d+: \S+::/.test(line));
  const details = (traceStart === -1 ? rest : rest.slice(0, traceStart)).join('\n').trimEnd();
  return new PrismaToolsError({
    code: 'SCHEMA_ENGINE_FAILED',
    message: firstLine.trim(),
    details: details || undefined,
    cause: error,
  });
}

/**
 * Runs `work` with a schema engine connected to `databaseUrl`, then frees the engine, ends its connections and drops
 * the shadow databases it used. Engine failures, panics included, are rethrown as PrismaToolsError with a one-line
 * message.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schema: SchemasContainer,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const factory = new MigrationAdapterFactory(databaseUrl);
  let panicked = false;
  let fail: (error: unknown) => void = () => {};
  const crashed = new Promise<never>((_resolve, reject) => (fail = reject));
  // The race below reports a crash; this only keeps one before the race from counting as unhandled.
  crashed.catch(() => undefined);
  const stopListening = onEnginePanic((message) => {
    panicked = true;
    fail(new EnginePanic(message));
  });
  // The trap that follows a panic is an uncaught exception, which would end the process before the cleanup below.
  // Any uncaught exception fails the command instead; after a panic, the command has already failed.
  process.on('uncaughtException', fail);
  try {
    const { SchemaEngine } = loadEngine();
    const datamodels = schema.files.map((file): [string, string] => [file.path, file.content]);
    // The engine logs its start-up and progress; the commands report what matters themselves.
    const ignoreLog = () => undefined;
    const engine = await SchemaEngine.new(
      { datamodels },
      ignoreLog,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await Promise.race([work(engine), crashed]);
    } finally {
      // A trapped instance is thrown away whole; freeing memory inside it could trap again.
      if (!panicked) engine.free();
    }
  } catch (error) {
    throw toToolsError(error);
  } finally {
    stopListening();
    process.off('uncaughtException', fail);
    await factory.close();
  }
}
