import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { connectClient } from './connection';
import { MigrationError } from './migration-error';
import { compareMigrations, type MigrationStatus } from './migration-status';
import { readMigrationsFolder, type MigrationFile } from './migrations-folder';
import { ensureMigrationsTable, readMigrationRows } from './migrations-table';

export interface MigrateOptions {
  /** The database to migrate, for example `postgres://postgres@127.0.0.1:5432/bookstore`. */
  connectionString: string;
  /** A folder in Prisma's layout: `<timestamp>_<name>/migration.sql`. */
  migrationsDir: string;
  /** Receives one line per applied migration; silent when omitted. */
  log?: (line: string) => void;
}

// The key Prisma Migrate locks on, so this applier and `prisma migrate deploy` never run at the same time.
const MIGRATION_LOCK_KEY = 72707369;

/**
 * Applies the pending migrations of a Prisma migrations folder, in name order, and records each one in
 * `_prisma_migrations` exactly as Prisma does. Concurrent runs against one database wait for each other on an
 * advisory lock. Each migration runs in its own transaction: if it fails, nothing of it stays and nothing is
 * recorded, and a MigrationError names it. The scripts must not contain their own BEGIN/COMMIT.
 *
 * Refuses to start when an applied migration was edited, an applied migration is missing from the folder, or an
 * earlier run of Prisma left a migration unfinished.
 *
 * @returns the names of the migrations this run applied (empty when the database was up to date).
 */
export async function migrate(options: MigrateOptions): Promise<{ applied: string[] }> {
  const files = readMigrationsFolder(options.migrationsDir);
  const client = await connectClient(options.connectionString);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await ensureMigrationsTable(client);
    const status = compareMigrations(files, await readMigrationRows(client));
    refuseInconsistent(status, options.migrationsDir);

    const applied: string[] = [];
    for (const file of files.filter((f) => status.pending.includes(f.name))) {
      await applyMigration(client, file);
      applied.push(file.name);
      options.log?.(`Applied migration ${file.name}`);
    }
    return { applied };
  } finally {
    // Ending the session also releases the advisory lock, even when a query above failed.
    await client.end();
  }
}

/** Compares a migrations folder with what the database has recorded, without changing anything. */
export async function migrationStatus(options: Omit<MigrateOptions, 'log'>): Promise<MigrationStatus> {
  const files = readMigrationsFolder(options.migrationsDir);
  const client = await connectClient(options.connectionString);
  try {
    return compareMigrations(files, await readMigrationRows(client));
  } finally {
    await client.end();
  }
}

function refuseInconsistent(status: MigrationStatus, dir: string): void {
  if (status.failed.length > 0) {
    throw new MigrationError({
      code: 'MIGRATION_FAILED_EARLIER',
      migrations: status.failed,
      message:
        `Migration ${status.failed.join(', ')} was started earlier and never finished. ` +
        'Check the database, then mark it with `prisma migrate resolve --rolled-back <name>` or `--applied <name>`.',
    });
  }
  if (status.edited.length > 0) {
    throw new MigrationError({
      code: 'MIGRATION_EDITED',
      migrations: status.edited,
      message:
        `Migration ${status.edited.join(', ')} was edited after it was applied: its checksum no longer matches the ` +
        'database. Restore the file and put the change in a new migration.',
    });
  }
  if (status.missing.length > 0) {
    throw new MigrationError({
      code: 'MIGRATION_MISSING',
      migrations: status.missing,
      message:
        `Migration ${status.missing.join(', ')} is recorded in the database but missing from ${dir}. ` +
        'Restore its folder, or check that this is the right migrations folder for this database.',
    });
  }
}

async function applyMigration(client: ClientBase, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())',
      [id, file.checksum, file.name],
    );
    await client.query(file.sql);
    await client.query(
      'UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    // ROLLBACK fails only when the connection is gone; the migration's own error is the one to report.
    await client.query('ROLLBACK').catch(() => undefined);
    throw new MigrationError({
      code: 'MIGRATION_FAILED',
      migrations: [file.name],
      message: `Migration ${file.name} failed and was rolled back: ${describeSqlError(error, file.sql)}`,
      cause: error,
    });
  }
}

/** The server's message, with the line of the script it points at when PostgreSQL gives a position. */
function describeSqlError(error: unknown, sql: string): string {
  const { message, position } = error as { message: string; position?: string };
  if (!position) return message;
  const line = sql.slice(0, Number(position) - 1).split('\n').length;
  return `${message} (migration.sql line ${line})`;
}
