import fs from 'node:fs';
import path from 'node:path';
import { checksumOf } from './checksum';
import { MigrationError } from './migration-error';

export interface MigrationFile {
  /** The folder name, `<timestamp>_<name>`; Prisma records it as `migration_name`. */
  name: string;
  sql: string;
  checksum: string;
}

/**
 * Reads a migrations folder in Prisma's layout: one `<timestamp>_<name>/migration.sql` per migration, applied in
 * name order. Files beside the folders (`migration_lock.toml`) are not migrations and are skipped.
 */
export function readMigrationsFolder(dir: string): MigrationFile[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new MigrationError({ code: 'MIGRATIONS_DIR_NOT_FOUND', message: `No migrations folder at ${dir}` });
  }
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    // Code-unit order, not locale order: timestamps sort the same on every machine.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  return names.map((name) => {
    const file = path.join(dir, name, 'migration.sql');
    if (!fs.existsSync(file)) {
      throw new MigrationError({
        code: 'MIGRATION_SQL_NOT_FOUND',
        message: `Migration folder ${name} has no migration.sql (in ${dir})`,
        migrations: [name],
      });
    }
    const bytes = fs.readFileSync(file);
    return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
  });
}
