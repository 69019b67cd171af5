import { migrate, migrationStatus, readMigrationsFolder, type MigrationStatus } from '@course/db-migrate';
import { ensureDatabase } from './database';
import type { MigrationsOptions } from './options';

export type { MigrationStatus };

export interface DeployResult {
  /** The database did not exist and was created. */
  createdDatabase: boolean;
  /** The migrations this run applied, in order; empty when the database was up to date. */
  applied: string[];
}

/**
 * `prisma migrate deploy`: applies the pending migrations with @course/db-migrate, which records them in
 * `_prisma_migrations` as Prisma does. Refuses when an applied migration was edited or is missing.
 */
export async function migrateDeploy(options: MigrationsOptions): Promise<DeployResult> {
  // A wrong folder fails here, before a database is created for it.
  readMigrationsFolder(options.migrationsDir);
  const createdDatabase = await ensureDatabase(options.databaseUrl);
  const { applied } = await migrate({
    connectionString: options.databaseUrl,
    migrationsDir: options.migrationsDir,
  });
  return { createdDatabase, applied };
}

/** `prisma migrate status`: which migrations are applied, pending, edited after they were applied, or missing. */
export function migrateStatus(options: MigrationsOptions): Promise<MigrationStatus> {
  return migrationStatus({ connectionString: options.databaseUrl, migrationsDir: options.migrationsDir });
}
