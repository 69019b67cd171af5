import fs from 'node:fs';
import path from 'node:path';
import type { MigrationFile, MigrationList } from '@prisma/schema-engine-wasm';

const LOCKFILE = 'migration_lock.toml';
const LOCKFILE_CONTENT = [
  '# The database that these migrations are written for. Prisma checks it before it applies them.',
  'provider = "postgresql"',
  '',
].join('\n');

function readIfExists(file: string): string | null {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

function migrationFile(dir: string, name: string): MigrationFile {
  const file = path.join(dir, name, 'migration.sql');
  const content = readIfExists(file);
  return {
    path: 'migration.sql',
    content:
      content === null ? { tag: 'error', value: `${file} does not exist` } : { tag: 'ok', value: content },
  };
}

/**
 * Reads a migrations folder in Prisma's layout (`<timestamp>_<name>/migration.sql`, applied in name order) into the
 * list the schema engine takes. A missing folder is an empty history. A missing lockfile counts as PostgreSQL, the
 * only database these tools support.
 */
export function readMigrationList(dir: string): MigrationList {
  const names = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        // Code-unit order, not locale order: timestamps sort the same on every machine.
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    : [];
  return {
    baseDir: path.resolve(dir),
    lockfile: { path: LOCKFILE, content: readIfExists(path.join(dir, LOCKFILE)) ?? LOCKFILE_CONTENT },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({ path: name, migrationFile: migrationFile(dir, name) })),
  };
}

/** Writes `<dir>/<name>/migration.sql`, and the lockfile with the first migration. Returns the new file's path. */
export function writeMigration(dir: string, name: string, script: string): string {
  const file = path.join(dir, name, 'migration.sql');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, script);
  const lockfile = path.join(dir, LOCKFILE);
  if (!fs.existsSync(lockfile)) fs.writeFileSync(lockfile, LOCKFILE_CONTENT);
  return file;
}
