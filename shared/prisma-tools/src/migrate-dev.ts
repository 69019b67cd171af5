import type { EvaluateDataLossOutput, MigrationList } from '@prisma/schema-engine-wasm';
import { ensureDatabase } from './database';
import { readMigrationList, writeMigration } from './migrations-folder';
import type { SchemaOptions } from './options';
import { PrismaToolsError } from './prisma-tools-error';
import { NO_FILTERS, withSchemaEngine, type SchemaEngine } from './schema-engine';
import { readSchema } from './schema-file';

export interface MigrateDevOptions extends SchemaOptions {
  /** The new migration's name, for example `add_author`. Needed only when the schema has changed. */
  name?: string;
  /** Write the migration without applying it, so that its SQL can be edited first. */
  createOnly?: boolean;
  /** Go ahead although the new migration drops data (a column, a table). */
  acceptDataLoss?: boolean;
}

export interface MigrateDevResult {
  /** The database did not exist and was created. */
  createdDatabase: boolean;
  /** Migrations from the folder that this run applied, the new one included. */
  applied: string[];
  /** The new migration's folder name, `<timestamp>_<name>`, or null when the migrations already produce the schema. */
  created: string | null;
  /** The data-loss warnings that `acceptDataLoss` let through. */
  warnings: string[];
}

const MIGRATION_NAME = /^[a-z0-9_]+$/i;

function checkNameFormat(name: string | undefined): void {
  if (name !== undefined && !MIGRATION_NAME.test(name)) {
    throw new PrismaToolsError({
      code: 'MIGRATION_NAME_INVALID',
      message: `Migration names use letters, digits and underscores, like add_author, not "${name}"`,
    });
  }
}

function requireName(name: string | undefined): string {
  if (name === undefined) {
    throw new PrismaToolsError({
      code: 'MIGRATION_NAME_REQUIRED',
      message: 'The schema has changed: name the new migration with --name, for example --name add_author',
    });
  }
  return name;
}

async function refuseDrift(engine: SchemaEngine, migrationsList: MigrationList): Promise<void> {
  const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTERS });
  if (action.tag === 'reset') {
    throw new PrismaToolsError({
      code: 'RESET_REQUIRED',
      message:
        'The database no longer matches the migration history. Run migrate reset --force, which deletes all data, ' +
        'then migrate dev again.',
      details: action.reason.trim(),
    });
  }
}

/** Migrations run in name order, so a new one must sort after the last, which a timestamp in the future prevents. */
function refuseOutOfOrder(created: string, migrationsList: MigrationList): void {
  const last = migrationsList.migrationDirectories.at(-1)?.path;
  if (last !== undefined && created <= last) {
    throw new PrismaToolsError({
      code: 'MIGRATION_OUT_OF_ORDER',
      message: `The new migration ${created} would run before ${last}, whose timestamp is later; rename ${last}`,
    });
  }
}

async function applyPending(engine: SchemaEngine, migrationsList: MigrationList): Promise<string[]> {
  return (await engine.applyMigrations({ migrationsList, filters: NO_FILTERS })).appliedMigrationNames;
}

/** The data-loss warnings that the options let through; throws when the new migration may not go ahead. */
function acceptedWarnings(dataLoss: EvaluateDataLossOutput, options: MigrateDevOptions): string[] {
  if (dataLoss.unexecutableSteps.length > 0 && !options.createOnly) {
    const reasons = dataLoss.unexecutableSteps.map((step) => step.message).join(' ');
    throw new PrismaToolsError({
      code: 'MIGRATION_UNEXECUTABLE',
      message: `${reasons} Use --create-only, edit the migration, then run migrate dev again.`,
    });
  }
  const warnings = dataLoss.warnings.map((warning) => warning.message);
  if (warnings.length > 0 && !options.acceptDataLoss && !options.createOnly) {
    throw new PrismaToolsError({
      code: 'DATA_LOSS_NOT_ACCEPTED',
      message: `${warnings.join(' ')} Run again with --accept-data-loss to go ahead.`,
    });
  }
  return warnings;
}

/**
 * `prisma migrate dev` without the native engine. Applies the folder's pending migrations to the development
 * database, then compares the migrations (replayed on a throwaway shadow database) with the schema. When they differ,
 * it writes the difference as a new migration and applies it.
 *
 * Refuses, before it writes a migration, when the database has drifted from the migrations (use `migrateReset`),
 * when the new migration would drop data and neither `acceptDataLoss` nor `createOnly` is set, or when it cannot run
 * on the existing rows (use `createOnly` and edit it).
 */
export async function migrateDev(options: MigrateDevOptions): Promise<MigrateDevResult> {
  checkNameFormat(options.name);
  const schema = readSchema(options.schemaPath);
  const createdDatabase = await ensureDatabase(options.databaseUrl);
  return withSchemaEngine(options.databaseUrl, schema, async (engine) => {
    const migrationsList = readMigrationList(options.migrationsDir);
    await refuseDrift(engine, migrationsList);
    const applied = await applyPending(engine, migrationsList);
    // The engine's evaluateDataLoss (7.10) cannot open a shadow database through an adapter factory; it works only
    // right after a diagnostic has replayed the migrations, so the diagnostic runs again when the database changed.
    if (applied.length > 0) await refuseDrift(engine, migrationsList);

    const dataLoss = await engine.evaluateDataLoss({ migrationsList, schema, filters: NO_FILTERS });
    if (dataLoss.migrationSteps === 0) return { createdDatabase, applied, created: null, warnings: [] };
    const migrationName = requireName(options.name);
    const warnings = acceptedWarnings(dataLoss, options);

    const { generatedMigrationName: created, migrationScript } = await engine.createMigration({
      draft: false,
      migrationName,
      migrationsList,
      schema,
      filters: NO_FILTERS,
    });
    if (migrationScript === null) return { createdDatabase, applied, created: null, warnings };
    refuseOutOfOrder(created, migrationsList);
    writeMigration(options.migrationsDir, created, migrationScript);
    if (!options.createOnly)
      applied.push(...(await applyPending(engine, readMigrationList(options.migrationsDir))));
    return { createdDatabase, applied, created, warnings };
  });
}
