import { matchesChecksum } from './checksum';
import type { MigrationFile } from './migrations-folder';
import type { MigrationRow } from './migrations-table';

/** How the migrations folder compares with what the database has recorded. Names are in folder order. */
export interface MigrationStatus {
  /** Recorded as finished in the database. */
  applied: string[];
  /** In the folder, not applied yet. */
  pending: string[];
  /** Applied, but the file has changed since. */
  edited: string[];
  /** Recorded as applied, but no longer in the folder. */
  missing: string[];
  /** Started and never finished (left by an interrupted `prisma migrate deploy`); someone must resolve them. */
  failed: string[];
}

/** Compares the folder with the rows of `_prisma_migrations`. Rows marked rolled back count as never applied, as in Prisma. */
export function compareMigrations(files: MigrationFile[], rows: MigrationRow[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const finished = new Map(
    live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]),
  );
  const unfinished = new Set(live.filter((row) => row.finished_at === null).map((row) => row.migration_name));
  const inFolder = new Set(files.map((file) => file.name));

  const status: MigrationStatus = { applied: [], pending: [], edited: [], missing: [], failed: [] };
  for (const file of files) {
    const row = finished.get(file.name);
    if (row) {
      status.applied.push(file.name);
      if (!matchesChecksum(file.sql, row.checksum)) status.edited.push(file.name);
    } else if (unfinished.has(file.name)) {
      status.failed.push(file.name);
    } else {
      status.pending.push(file.name);
    }
  }
  status.missing = [...finished.keys()].filter((name) => !inFolder.has(name));
  status.failed.push(...[...unfinished].filter((name) => !inFolder.has(name) && !finished.has(name)));
  return status;
}
