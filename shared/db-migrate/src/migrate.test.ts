import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_TABLE_DDL, migrate, migrationStatus, MigrationError } from './index';
import {
  createMigrationsFolder,
  createScratchDatabase,
  writeMigrations,
  type ScratchDatabase,
} from './scratch-database';

const AUTHORS = '20250101000000_authors';
const BOOKS = '20250102000000_books';
const ISBN = '20250103000000_isbn';

const migrations = {
  [AUTHORS]: 'CREATE TABLE authors (id SERIAL PRIMARY KEY, name TEXT NOT NULL);\n',
  [BOOKS]:
    'CREATE TABLE books (\n  id SERIAL PRIMARY KEY,\n  author_id INT NOT NULL REFERENCES authors (id)\n);\n',
  [ISBN]: 'ALTER TABLE books ADD COLUMN isbn TEXT;\n',
};

let db: ScratchDatabase;
let dir: string;
beforeEach(async () => {
  db = await createScratchDatabase();
  dir = createMigrationsFolder();
});
afterEach(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function recorded(): Promise<
  { migration_name: string; checksum: string; applied_steps_count: number }[]
> {
  return db.query(
    'SELECT migration_name, checksum, applied_steps_count FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
  );
}

async function tables(): Promise<string[]> {
  const rows = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

describe('migrate', () => {
  it('When the database is empty, then it applies every migration in name order and records each one', async () => {
    // Written out of order: the folder name decides the order, not the creation time.
    writeMigrations(dir, {
      [ISBN]: migrations[ISBN],
      [BOOKS]: migrations[BOOKS],
      [AUTHORS]: migrations[AUTHORS],
    });

    const result = await migrate({ connectionString: db.url, migrationsDir: dir });

    expect(result.applied).toEqual([AUTHORS, BOOKS, ISBN]);
    expect(await tables()).toEqual(['_prisma_migrations', 'authors', 'books']);
    expect((await recorded()).map((row) => [row.migration_name, row.applied_steps_count])).toEqual([
      [AUTHORS, 1],
      [BOOKS, 1],
      [ISBN, 1],
    ]);
  });

  it('When it runs a second time, then it applies nothing and records nothing new', async () => {
    writeMigrations(dir, migrations);
    await migrate({ connectionString: db.url, migrationsDir: dir });

    const second = await migrate({ connectionString: db.url, migrationsDir: dir });

    expect(second.applied).toEqual([]);
    expect(await db.query('SELECT id FROM _prisma_migrations')).toHaveLength(3);
  });

  it('When a new migration is added later, then only that one is applied', async () => {
    writeMigrations(dir, { [AUTHORS]: migrations[AUTHORS], [BOOKS]: migrations[BOOKS] });
    await migrate({ connectionString: db.url, migrationsDir: dir });
    writeMigrations(dir, { [ISBN]: migrations[ISBN] });

    const result = await migrate({ connectionString: db.url, migrationsDir: dir });

    expect(result.applied).toEqual([ISBN]);
  });

  it('When it records a migration, then the checksum is the sha256 hex of the file and the row has Prisma columns', async () => {
    writeMigrations(dir, migrations);

    await migrate({ connectionString: db.url, migrationsDir: dir });

    for (const row of await recorded()) {
      const bytes = fs.readFileSync(path.join(dir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    const columns = await db.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
      'id character varying',
      'checksum character varying',
      'finished_at timestamp with time zone',
      'migration_name character varying',
      'logs text',
      'rolled_back_at timestamp with time zone',
      'started_at timestamp with time zone',
      'applied_steps_count integer',
    ]);
  });

  it('When the table already exists from Prisma, then it uses it as it is', async () => {
    await db.query(MIGRATIONS_TABLE_DDL);
    writeMigrations(dir, migrations);

    const result = await migrate({ connectionString: db.url, migrationsDir: dir });

    expect(result.applied).toHaveLength(3);
  });

  it('When a migration fails, then nothing of it remains, nothing is recorded, and the error names it', async () => {
    writeMigrations(dir, {
      [AUTHORS]: migrations[AUTHORS],
      [BOOKS]: 'CREATE TABLE books (id SERIAL PRIMARY KEY);\nINSERT INTO publishers (name) VALUES (1);\n',
      [ISBN]: migrations[ISBN],
    });

    const error = await rejection(migrate({ connectionString: db.url, migrationsDir: dir }));

    expect(error.code).toBe('MIGRATION_FAILED');
    expect(error.migrations).toEqual([BOOKS]);
    expect(error.message).toContain(BOOKS);
    expect(error.message).toContain('relation "publishers" does not exist');
    expect(error.message).toContain('line 2');
    expect(await tables()).toEqual(['_prisma_migrations', 'authors']);
    expect(
      await db.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations'),
    ).toEqual([{ migration_name: AUTHORS }]);
  });

  it('When an applied migration was edited, then it refuses to run and status reports it', async () => {
    writeMigrations(dir, migrations);
    await migrate({ connectionString: db.url, migrationsDir: dir });
    fs.appendFileSync(path.join(dir, BOOKS, 'migration.sql'), 'ALTER TABLE books ADD COLUMN title TEXT;\n');
    writeMigrations(dir, { '20250104000000_price': 'ALTER TABLE books ADD COLUMN price INT;\n' });

    const error = await rejection(migrate({ connectionString: db.url, migrationsDir: dir }));

    expect(error.code).toBe('MIGRATION_EDITED');
    expect(error.message).toContain(BOOKS);
    const status = await migrationStatus({ connectionString: db.url, migrationsDir: dir });
    expect(status.edited).toEqual([BOOKS]);
    expect(status.pending).toEqual(['20250104000000_price']);
  });

  it('When git turned LF line endings into CRLF, then the migration does not count as edited', async () => {
    writeMigrations(dir, migrations);
    await migrate({ connectionString: db.url, migrationsDir: dir });
    writeMigrations(dir, { [BOOKS]: migrations[BOOKS].replaceAll('\n', '\r\n') });

    const status = await migrationStatus({ connectionString: db.url, migrationsDir: dir });

    expect(status.edited).toEqual([]);
    expect((await migrate({ connectionString: db.url, migrationsDir: dir })).applied).toEqual([]);
  });

  it('When an applied migration is missing from the folder, then it refuses to run and status reports it', async () => {
    writeMigrations(dir, migrations);
    await migrate({ connectionString: db.url, migrationsDir: dir });
    fs.rmSync(path.join(dir, ISBN), { recursive: true });

    const error = await rejection(migrate({ connectionString: db.url, migrationsDir: dir }));

    expect(error.code).toBe('MIGRATION_MISSING');
    expect(error.message).toContain(ISBN);
    expect((await migrationStatus({ connectionString: db.url, migrationsDir: dir })).missing).toEqual([ISBN]);
  });

  it('When Prisma left a migration unfinished, then it refuses to run until someone resolves it', async () => {
    await db.query(MIGRATIONS_TABLE_DDL);
    await db.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ('a1', 'x', $1, 'syntax error')",
      [AUTHORS],
    );
    writeMigrations(dir, migrations);

    const error = await rejection(migrate({ connectionString: db.url, migrationsDir: dir }));

    expect(error.code).toBe('MIGRATION_FAILED_EARLIER');
    expect(error.migrations).toEqual([AUTHORS]);
  });

  it('When two runs start at once, then each migration is applied exactly once', async () => {
    // The sleep keeps the first run inside its lock long enough for the second one to collide with it.
    writeMigrations(dir, { ...migrations, [AUTHORS]: `${migrations[AUTHORS]}SELECT pg_sleep(0.2);\n` });

    const runs = await Promise.all([
      migrate({ connectionString: db.url, migrationsDir: dir }),
      migrate({ connectionString: db.url, migrationsDir: dir }),
    ]);

    expect(runs.flatMap((run) => run.applied).sort()).toEqual([AUTHORS, BOOKS, ISBN]);
    expect(await db.query('SELECT id FROM _prisma_migrations')).toHaveLength(3);
  });
});

describe('migrationStatus', () => {
  it('When nothing was applied yet, then every migration is pending and the database is left untouched', async () => {
    writeMigrations(dir, migrations);

    const status = await migrationStatus({ connectionString: db.url, migrationsDir: dir });

    expect(status).toEqual({
      applied: [],
      pending: [AUTHORS, BOOKS, ISBN],
      edited: [],
      missing: [],
      failed: [],
    });
    expect(await tables()).toEqual([]);
  });
});
