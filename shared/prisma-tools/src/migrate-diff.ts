import type { DiffTarget } from '@prisma/schema-engine-wasm';
import { readMigrationList } from './migrations-folder';
import type { SchemaOptions } from './options';
import { NO_FILTERS, withSchemaEngine } from './schema-engine';
import { readSchema } from './schema-file';

export interface MigrateDiffResult {
  /** The migrations produce exactly the schema. */
  inSync: boolean;
  /** The SQL that would take the migrated database to the schema; an empty-migration comment when in sync. */
  script: string;
}

/**
 * The drift check: replays the migrations on a throwaway shadow database and compares the result with the schema.
 * It catches a schema edited without a migration. It only reads `databaseUrl` to reach the server, and changes
 * nothing in that database.
 */
export async function migrateDiff(options: SchemaOptions): Promise<MigrateDiffResult> {
  const schema = readSchema(options.schemaPath);
  const migrationsList = readMigrationList(options.migrationsDir);
  const from: DiffTarget =
    migrationsList.migrationDirectories.length > 0
      ? { tag: 'migrations', ...migrationsList }
      : { tag: 'empty' };
  const result = await withSchemaEngine(options.databaseUrl, schema, (engine) =>
    engine.diff({
      from,
      to: { tag: 'schemaDatamodel', ...schema },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  return { inSync: result.exitCode === 0, script: result.stdout ?? '' };
}
