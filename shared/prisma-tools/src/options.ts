import path from 'node:path';

/** Where a command finds the database. */
export interface DatabaseOptions {
  /** For example `postgres://postgres@127.0.0.1:5432/bookstore`. */
  databaseUrl: string;
}

/** Where a command finds the migrations, and the database they go to. */
export interface MigrationsOptions extends DatabaseOptions {
  /** A folder in Prisma's layout: `<timestamp>_<name>/migration.sql`, with `migration_lock.toml`. */
  migrationsDir: string;
}

/** Where a command finds the schema, the migrations, and the database. */
export interface SchemaOptions extends MigrationsOptions {
  schemaPath: string;
}

/**
 * The schema and migrations paths that the CLI uses: `prisma/schema.prisma` under `cwd` unless given, and the
 * `migrations` folder next to the schema unless given.
 */
export function resolvePaths(
  given: { schema?: string; migrations?: string },
  cwd: string = process.cwd(),
): { schemaPath: string; migrationsDir: string } {
  const schemaPath = path.resolve(cwd, given.schema ?? path.join('prisma', 'schema.prisma'));
  const migrationsDir = path.resolve(
    cwd,
    given.migrations ?? path.join(path.dirname(schemaPath), 'migrations'),
  );
  return { schemaPath, migrationsDir };
}
