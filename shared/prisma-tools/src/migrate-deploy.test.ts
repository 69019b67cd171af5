import fs from 'node:fs';
import path from 'node:path';
import { migrateDeploy, migrateStatus } from './migrate-deploy';
import { migrateReset } from './migrate-reset';
import { createScratchProject, queryRows, tablesIn, type ScratchProject } from './scratch-project';

let project: ScratchProject;

beforeEach(async () => {
  project = await createScratchProject();
});

afterEach(async () => {
  await project.cleanup();
});

describe('migrate deploy', () => {
  it('When the database is fresh, then every migration is applied and the tables exist', async () => {
    const fresh = await project.newDatabase();

    const result = await migrateDeploy({ ...project, databaseUrl: fresh });

    expect(result).toEqual({ createdDatabase: false, applied: project.migrationNames() });
    expect(await tablesIn(fresh)).toEqual(['Book', '_prisma_migrations']);
  });

  it('When the database does not exist, then it is created first', async () => {
    const missing = await project.newDatabase({ create: false });

    const result = await migrateDeploy({ ...project, databaseUrl: missing });

    expect(result.createdDatabase).toBe(true);
    expect(await tablesIn(missing)).toEqual(['Book', '_prisma_migrations']);
  });

  it('When the database is up to date, then nothing is applied', async () => {
    await migrateDeploy(project);

    expect(await migrateDeploy(project)).toEqual({ createdDatabase: false, applied: [] });
  });

  it('When the migrations folder is missing, then it fails with a clear message', async () => {
    const wrong = { ...project, migrationsDir: path.join(project.dir, 'nowhere') };

    await expect(migrateDeploy(wrong)).rejects.toMatchObject({ code: 'MIGRATIONS_DIR_NOT_FOUND' });
  });
});

describe('migrate status', () => {
  it('When nothing is applied yet, then every migration is pending', async () => {
    const status = await migrateStatus(project);

    expect(status).toMatchObject({ applied: [], pending: project.migrationNames(), edited: [], missing: [] });
  });

  it('When the migrations are deployed, then they are all applied', async () => {
    await migrateDeploy(project);

    expect(await migrateStatus(project)).toMatchObject({ applied: project.migrationNames(), pending: [] });
  });

  it('When an applied migration was edited, then status names it', async () => {
    await migrateDeploy(project);
    const [init] = project.migrationNames();
    fs.appendFileSync(path.join(project.migrationsDir, init!, 'migration.sql'), '\n-- edited\n');

    expect(await migrateStatus(project)).toMatchObject({ edited: [init] });
  });
});

describe('migrate reset', () => {
  it('When it runs with force, then the rows are gone and every migration is applied again', async () => {
    await migrateDeploy(project);
    await queryRows(project.databaseUrl, `INSERT INTO "Book" (title, isbn) VALUES ('Dune', '9780441013593')`);
    await queryRows(project.databaseUrl, 'CREATE TABLE stray (id int)');

    const result = await migrateReset({ ...project, force: true });

    expect(result.applied).toEqual(project.migrationNames());
    expect(await tablesIn(project.databaseUrl)).toEqual(['Book', '_prisma_migrations']);
    expect(await queryRows(project.databaseUrl, 'SELECT * FROM "Book"')).toEqual([]);
  });

  it('When force is not given, then it refuses and the rows stay', async () => {
    await migrateDeploy(project);
    await queryRows(project.databaseUrl, `INSERT INTO "Book" (title, isbn) VALUES ('Dune', '9780441013593')`);

    await expect(migrateReset({ ...project, force: false })).rejects.toMatchObject({
      code: 'RESET_NOT_CONFIRMED',
    });
    expect(await queryRows(project.databaseUrl, 'SELECT title FROM "Book"')).toEqual([{ title: 'Dune' }]);
  });

  it('When the migrations folder is missing, then it refuses before it drops anything', async () => {
    await migrateDeploy(project);
    const wrong = { ...project, migrationsDir: path.join(project.dir, 'nowhere'), force: true };

    await expect(migrateReset(wrong)).rejects.toMatchObject({ code: 'MIGRATIONS_DIR_NOT_FOUND' });
    expect(await tablesIn(project.databaseUrl)).toEqual(['Book', '_prisma_migrations']);
  });
});
