import fs from 'node:fs';
import path from 'node:path';
import { checksumOf } from '@course/db-migrate';
import { migrateDeploy } from './migrate-deploy';
import { migrateDev } from './migrate-dev';
import {
  columnsOf,
  createScratchProject,
  leftoverShadowDatabases,
  queryRows,
  tablesIn,
  type ScratchProject,
} from './scratch-project';

let project: ScratchProject | undefined;

async function scratch(options?: { withMigrations: boolean }): Promise<ScratchProject> {
  project = await createScratchProject(options);
  return project;
}

afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

function migrationSql(p: ScratchProject, name: string): string {
  return fs.readFileSync(path.join(p.migrationsDir, name, 'migration.sql'), 'utf8');
}

const ADD_PRICE: [string, string] = ['isbn  String @unique', 'isbn  String @unique\n  price Int?'];
const DUNE = `INSERT INTO "Book" (title, isbn) VALUES ('Dune', '9780441013593')`;

describe('migrate dev', () => {
  it('When the schema has no migration yet, then it writes one that creates the tables, applies it and records it as Prisma does', async () => {
    const p = await scratch({ withMigrations: false });

    const { created, applied } = await migrateDev({ ...p, name: 'init' });

    expect(p.migrationNames()).toEqual([expect.stringMatching(/^\d{14}_init$/)]);
    expect(created).toBe(p.migrationNames()[0]);
    const sql = migrationSql(p, created!);
    expect(sql).toContain('CREATE TABLE "Book"');
    expect(sql).toContain('CREATE UNIQUE INDEX "Book_isbn_key"');
    expect(fs.readFileSync(path.join(p.migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );
    expect(applied).toEqual([created]);
    expect(await tablesIn(p.databaseUrl)).toEqual(['Book', '_prisma_migrations']);
    const records = await queryRows(p.databaseUrl, 'SELECT migration_name, checksum FROM _prisma_migrations');
    expect(records).toEqual([{ migration_name: created, checksum: checksumOf(sql) }]);
    expect(await leftoverShadowDatabases()).toEqual([]);
  });

  it('When the schema has not changed, then it applies the pending migrations, creates nothing, and next time does nothing', async () => {
    const p = await scratch();
    const missing = await p.newDatabase({ create: false });
    const [init] = p.migrationNames();

    const first = await migrateDev({ ...p, databaseUrl: missing, name: 'again' });
    const second = await migrateDev({ ...p, databaseUrl: missing, name: 'again' });

    expect(first).toEqual({ createdDatabase: true, applied: [init], created: null, warnings: [] });
    expect(second).toEqual({ createdDatabase: false, applied: [], created: null, warnings: [] });
    expect(p.migrationNames()).toEqual([init]);
    expect(await tablesIn(missing)).toEqual(['Book', '_prisma_migrations']);
  });

  it('When a column is added to the schema, then it creates and applies a second migration that adds it', async () => {
    const p = await scratch();
    await migrateDeploy(p);
    p.editSchema(...ADD_PRICE);

    const { created, applied } = await migrateDev({ ...p, name: 'add_price' });

    expect(p.migrationNames()).toEqual([
      expect.stringMatching(/_init$/),
      expect.stringMatching(/^\d{14}_add_price$/),
    ]);
    expect(migrationSql(p, created!)).toMatch(/ALTER TABLE "Book" ADD COLUMN\s+"price" INTEGER;/);
    expect(applied).toEqual([created]);
    expect(await columnsOf(p.databaseUrl, 'Book')).toEqual(['id', 'isbn', 'price', 'title']);
  });

  it('When the schema changed and no name is given, then it refuses and writes nothing', async () => {
    const p = await scratch();
    await migrateDeploy(p);
    p.editSchema(...ADD_PRICE);

    await expect(migrateDev({ ...p })).rejects.toMatchObject({ code: 'MIGRATION_NAME_REQUIRED' });
    expect(p.migrationNames()).toHaveLength(1);
  });

  it('When the name has spaces, then it refuses before it touches the database', async () => {
    const p = await scratch();

    await expect(migrateDev({ ...p, name: 'add price' })).rejects.toMatchObject({
      code: 'MIGRATION_NAME_INVALID',
    });
    expect(await tablesIn(p.databaseUrl)).toEqual([]);
  });

  it('When the new migration drops a column that holds data, then it refuses unless data loss is accepted', async () => {
    const p = await scratch();
    await migrateDeploy(p);
    await queryRows(p.databaseUrl, DUNE);
    p.editSchema('  title String\n', '');

    await expect(migrateDev({ ...p, name: 'drop_title' })).rejects.toMatchObject({
      code: 'DATA_LOSS_NOT_ACCEPTED',
    });
    expect(p.migrationNames()).toHaveLength(1);
    const accepted = await migrateDev({ ...p, name: 'drop_title', acceptDataLoss: true });

    expect(accepted.warnings).toEqual([expect.stringContaining('drop the column `title`')]);
    expect(await columnsOf(p.databaseUrl, 'Book')).toEqual(['id', 'isbn']);
  });

  it('When the new migration cannot run on the existing rows, then it refuses, and --create-only writes it unapplied', async () => {
    const p = await scratch();
    await migrateDeploy(p);
    await queryRows(p.databaseUrl, DUNE);
    p.editSchema('isbn  String @unique', 'isbn  String @unique\n  author String');

    await expect(migrateDev({ ...p, name: 'add_author' })).rejects.toMatchObject({
      code: 'MIGRATION_UNEXECUTABLE',
    });
    const { created, applied } = await migrateDev({ ...p, name: 'add_author', createOnly: true });

    expect(migrationSql(p, created!)).toMatch(/ADD COLUMN\s+"author" TEXT NOT NULL/);
    expect(applied).toEqual([]);
    expect(await columnsOf(p.databaseUrl, 'Book')).toEqual(['id', 'isbn', 'title']);
  });

  it('When an existing migration has a timestamp in the future, then it refuses to write one that would run first', async () => {
    const p = await scratch();
    fs.renameSync(
      path.join(p.migrationsDir, p.migrationNames()[0]!),
      path.join(p.migrationsDir, '29991231000000_init'),
    );
    p.editSchema(...ADD_PRICE);

    await expect(migrateDev({ ...p, name: 'add_price' })).rejects.toMatchObject({
      code: 'MIGRATION_OUT_OF_ORDER',
    });
    expect(p.migrationNames()).toEqual(['29991231000000_init']);
  });

  it('When the database was changed by hand, then it asks for a reset, writes nothing and leaves no shadow database', async () => {
    const p = await scratch();
    await migrateDeploy(p);
    await queryRows(p.databaseUrl, 'ALTER TABLE "Book" ADD COLUMN extra integer');
    p.editSchema(...ADD_PRICE);

    const failure = migrateDev({ ...p, name: 'add_price' });

    await expect(failure).rejects.toMatchObject({
      code: 'RESET_REQUIRED',
      details: expect.stringContaining('extra'),
    });
    expect(p.migrationNames()).toHaveLength(1);
    expect(await leftoverShadowDatabases()).toEqual([]);
  });
});
