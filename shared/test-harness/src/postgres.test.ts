import path from 'node:path';
import { createTestDatabase, dropTestDatabase, useTestDatabase, type TestDatabase } from './postgres';
import { databaseExists, serverQuery } from './test-support';

const migrationsDir = path.join(__dirname, 'fixtures', 'migrations');

// Some of these tests build a template and clone it in the test itself; on a busy machine that takes seconds.
jest.setTimeout(30_000);

async function tables(db: TestDatabase): Promise<string[]> {
  const { rows } = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

// Assigned while jest collects the describe below, so the first and last tests can look at it from outside.
let db: TestDatabase;
let usedName = '';

it('When the database is used before its beforeAll ran, then it throws a clear error', () => {
  expect(() => db.url).toThrow(/does not exist until its beforeAll has run/);
  expect(() => db.pool).toThrow(/does not exist until its beforeAll has run/);
});

describe('useTestDatabase', () => {
  db = useTestDatabase({ migrationsDir });
  const other = useTestDatabase({
    schemaSql: 'CREATE TABLE notes (id SERIAL PRIMARY KEY, body TEXT NOT NULL);',
  });

  it('When the tests start, then the database exists with the migrations applied', async () => {
    usedName = db.name;

    expect(db.name).toMatch(new RegExp(`^course_test_test_harness_${process.pid}_\\d+$`));
    expect(db.url).toBe(`postgres://postgres@127.0.0.1:5432/${db.name}`);
    expect(await tables(db)).toEqual(['_prisma_migrations', 'authors', 'books']);
    const { rows } = await db.query(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    expect(rows).toHaveLength(2);
  });

  it('When a file uses two databases, then each has its own name and schema', async () => {
    expect(other.name).not.toBe(db.name);
    expect(await tables(other)).toEqual(['notes']);
  });

  it('When truncate runs, then every table is empty, ids restart, and the migration history stays', async () => {
    await db.query("INSERT INTO authors (name) VALUES ('Ursula'), ('Italo')");
    await db.query("INSERT INTO books (title, author_id) VALUES ('The Dispossessed', 1)");

    await db.truncate();

    expect((await db.query('SELECT * FROM books')).rows).toEqual([]);
    expect((await db.query('SELECT * FROM authors')).rows).toEqual([]);
    const { rows } = await db.query("INSERT INTO authors (name) VALUES ('Octavia') RETURNING id");
    expect(rows).toEqual([{ id: 1 }]);
    expect((await db.query('SELECT id FROM _prisma_migrations')).rows).toHaveLength(2);
  });

  it('When the pool is used directly, then it is connected to this database', async () => {
    const { rows } = await db.pool.query<{ name: string }>('SELECT current_database() AS name');
    expect(rows[0]?.name).toBe(db.name);
  });
});

it('When the afterAll has run, then the database is dropped and the handle throws', async () => {
  expect(usedName).not.toBe('');
  expect(await databaseExists(usedName)).toBe(false);
  expect(() => db.url).toThrow(/dropped by its afterAll/);
});

describe('createTestDatabase and dropTestDatabase', () => {
  it('When a database is dropped, then its onClose functions run first and then it is gone', async () => {
    const database = await createTestDatabase({ migrationsDir, label: 'lifecycle' });
    const seenBeforeDrop: number[] = [];
    database.onClose(async () => {
      const { rows } = await database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM _prisma_migrations',
      );
      seenBeforeDrop.push(rows[0]!.n);
    });

    await dropTestDatabase(database);

    expect(seenBeforeDrop).toEqual([2]);
    expect(await databaseExists(database.name)).toBe(false);
  });

  it('When a long label is given, then the name is lower-case and fits in 63 characters', async () => {
    const database = await createTestDatabase({ label: 'A-Very-Long-Label'.repeat(6) });
    try {
      expect(database.name).toMatch(/^course_test_a_very_long_label[a-z0-9_]*_\d+_\d+$/);
      expect(database.name.length).toBeLessThanOrEqual(63);
      expect(await databaseExists(database.name)).toBe(true);
    } finally {
      await dropTestDatabase(database);
    }
  });

  it('When the schema SQL fails, then the error surfaces and no database is left behind', async () => {
    // Only this process's databases: another run of these tests may be creating its own "broken" ones meanwhile.
    const mine = `course\\_test\\_broken\\_${process.pid}\\_%`;
    const before = await serverQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [mine]);

    await expect(createTestDatabase({ label: 'broken', schemaSql: 'CREATE TABLE oops (' })).rejects.toThrow(
      /syntax error/,
    );

    const after = await serverQuery('SELECT datname FROM pg_database WHERE datname LIKE $1', [mine]);
    expect(after).toEqual(before);
  });
});
