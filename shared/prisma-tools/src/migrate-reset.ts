import { migrate, readMigrationsFolder } from '@course/db-migrate';
import { ensureDatabase, recreatePublicSchema } from './database';
import type { DeployResult } from './migrate-deploy';
import type { MigrationsOptions } from './options';
import { PrismaToolsError } from './prisma-tools-error';

/**
 * `prisma migrate reset`: drops the `public` schema with all its tables and rows, then applies every migration.
 * `force` must be true, because nothing of the data survives.
 */
export async function migrateReset(options: MigrationsOptions & { force: boolean }): Promise<DeployResult> {
  if (!options.force) {
    throw new PrismaToolsError({
      code: 'RESET_NOT_CONFIRMED',
      message:
        'migrate reset deletes every table and row in the database; run it with --force if that is what you want',
    });
  }
  // Read the folder before dropping anything, so that a wrong path fails while the data is still there.
  readMigrationsFolder(options.migrationsDir);
  const createdDatabase = await ensureDatabase(options.databaseUrl);
  await recreatePublicSchema(options.databaseUrl);
  const { applied } = await migrate({
    connectionString: options.databaseUrl,
    migrationsDir: options.migrationsDir,
  });
  return { createdDatabase, applied };
}
