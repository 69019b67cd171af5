import fs from 'node:fs';
import path from 'node:path';
import { migrateDiff } from './migrate-diff';
import {
  createScratchProject,
  leftoverShadowDatabases,
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

describe('migrate diff', () => {
  it('When the migrations produce exactly the schema, then it reports them in sync', async () => {
    const p = await scratch();

    const result = await migrateDiff(p);

    expect(result).toEqual({ inSync: true, script: expect.stringContaining('empty migration') });
    expect(await leftoverShadowDatabases()).toEqual([]);
  });

  it('When schema.prisma was edited without a migration, then it reports the SQL that is missing', async () => {
    const p = await scratch();
    p.editSchema('isbn  String @unique', 'isbn  String @unique\n  price Int?');

    const result = await migrateDiff(p);

    expect(result.inSync).toBe(false);
    expect(result.script).toMatch(/ALTER TABLE "Book" ADD COLUMN\s+"price" INTEGER;/);
  });

  it('When a migration was edited so that it no longer produces the schema, then it reports what is missing', async () => {
    const p = await scratch();
    const file = path.join(p.migrationsDir, p.migrationNames()[0]!, 'migration.sql');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/-- CreateIndex[\s\S]*$/, ''));

    const result = await migrateDiff(p);

    expect(result.inSync).toBe(false);
    expect(result.script).toContain('CREATE UNIQUE INDEX "Book_isbn_key"');
  });

  it('When a migration has semicolons inside comments and strings, then it still replays', async () => {
    const p = await scratch();
    const file = path.join(p.migrationsDir, p.migrationNames()[0]!, 'migration.sql');
    const script = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `-- Books; and their ISBNs; come first.\nSELECT 'a;b';\n${script}`);

    const result = await migrateDiff(p);

    expect(result.inSync).toBe(true);
  });

  it('When there are no migrations at all, then the whole schema is missing', async () => {
    const p = await scratch({ withMigrations: false });

    const result = await migrateDiff(p);

    expect(result.inSync).toBe(false);
    expect(result.script).toContain('CREATE TABLE "Book"');
  });

  it('When it runs, then it leaves the database in DATABASE_URL untouched', async () => {
    const p = await scratch();

    await migrateDiff(p);

    expect(await tablesIn(p.databaseUrl)).toEqual([]);
  });

  it('When the schema is invalid, then it fails with the validation error', async () => {
    const p = await scratch();
    p.editSchema('title String', 'title Strin');

    await expect(migrateDiff(p)).rejects.toMatchObject({
      code: 'SCHEMA_ENGINE_FAILED',
      details: expect.stringContaining('title Strin'),
    });
  });
});
