import type { ClientBase } from 'pg';

/** Prisma's own DDL for its bookkeeping table, so `prisma migrate deploy` can take over from this applier. */
export const MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function migrationsTableExists(client: ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>(
    "SELECT to_regclass('_prisma_migrations')::text AS found",
  );
  return rows[0]?.found != null;
}

/** Creates the table if it is missing. Call it while holding the migration lock, so two runs cannot both create it. */
export async function ensureMigrationsTable(client: ClientBase): Promise<void> {
  if (!(await migrationsTableExists(client))) await client.query(MIGRATIONS_TABLE_DDL);
}

export async function readMigrationRows(client: ClientBase): Promise<MigrationRow[]> {
  if (!(await migrationsTableExists(client))) return [];
  const { rows } = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at
       FROM _prisma_migrations
      ORDER BY started_at, migration_name`,
  );
  return rows;
}
