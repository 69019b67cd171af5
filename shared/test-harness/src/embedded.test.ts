import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { embeddedInUseSync, embeddedMode } from '@course/db-migrate/embedded';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase, type TestDatabase } from './postgres';
import { noticeOnce } from './services';

// Starting PGlite takes about a second on an idle machine, and its first use on a machine runs initdb.
jest.setTimeout(180_000);

const migrationsDir = path.join(__dirname, 'fixtures', 'migrations');
const NOWHERE = 'postgres://postgres@127.0.0.1:1/postgres';
const saved = { DATABASE_URL: process.env.DATABASE_URL, COURSE_PGLITE: process.env.COURSE_PGLITE };
const opened: TestDatabase[] = [];

async function create(env: Record<string, string>): Promise<TestDatabase> {
  Object.assign(process.env, env);
  const database = await createTestDatabase({ migrationsDir, label: 'embedded' });
  opened.push(database);
  return database;
}

async function serverVersion(database: TestDatabase): Promise<string> {
  const { rows } = await database.query<{ version: string }>('SELECT version()');
  return rows[0]!.version;
}

afterEach(async () => {
  for (const database of opened.splice(0)) await dropTestDatabase(database);
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('the embedded PostgreSQL', () => {
  it('When nothing listens at DATABASE_URL, then the test database is on PGlite, migrated', async () => {
    const database = await create({ DATABASE_URL: NOWHERE });

    expect(await serverVersion(database)).toMatch(/PGlite/);
    expect(database.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(database.url).not.toContain(':1/');
    const { rows } = await database.query('SELECT migration_name FROM _prisma_migrations ORDER BY 1');
    expect(rows).toEqual([
      { migration_name: '20250101000000_authors' },
      { migration_name: '20250102000000_books' },
    ]);
  });

  it('When COURSE_PGLITE=1 is set, then PGlite is used although a server is reachable', async () => {
    const database = await create({ COURSE_PGLITE: '1' });

    expect(await serverVersion(database)).toMatch(/PGlite/);
    expect(embeddedMode()).toBe('always');
    expect(embeddedInUseSync(NOWHERE.replace(':1/', ':5432/'))).toBe(true);
  });

  it('When a server is reachable and nothing is forced, then it is used, not PGlite', async () => {
    const database = await create({});

    expect(await serverVersion(database)).not.toMatch(/PGlite/);
    expect(embeddedInUseSync(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')).toBe(
      false,
    );
    expect(embeddedInUseSync(NOWHERE)).toBe(true);
  });

  it('When a server answers with an error, then that error surfaces instead of a fallback', async () => {
    const url = `postgres://postgres@127.0.0.1:5432/no_such_database_${randomBytes(3).toString('hex')}`;

    await expect(create({ DATABASE_URL: url })).rejects.toThrow(
      /refused the connection: database .* does not exist/,
    );
  });

  it('When many connections send parameterised queries at once, then each gets its own answer', async () => {
    const database = await create({ COURSE_PGLITE: '1' });
    const pool = database.pool;

    // Parameterised queries use the extended protocol: Parse, Bind, Execute, Sync, one message at a time. When
    // another connection's Parse got in between, a Bind met the wrong statement.
    const count = 100;
    const answers = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        i % 2 === 0
          ? pool.query<{ n: number }>('SELECT $1::int AS n', [i])
          : pool.query<{ n: number }>('SELECT $1::int + $2::int AS n', [i, 0]),
      ),
    );

    expect(answers.map((answer) => answer.rows[0]!.n)).toEqual(Array.from({ length: count }, (_, i) => i));
  });

  it('When two test files run on PGlite, then each has its own server, and dropping one stops it', async () => {
    const [first, second] = [await create({ COURSE_PGLITE: '1' }), await create({ COURSE_PGLITE: '1' })];
    await first.query("INSERT INTO authors (name) VALUES ('Ursula')");

    expect(first.url).not.toBe(second.url);
    expect((await second.query('SELECT * FROM authors')).rows).toEqual([]);

    await dropTestDatabase(opened.shift()!);
    const client = new Client({ connectionString: first.url });
    await expect(client.connect()).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('noticeOnce', () => {
  it('When it is asked twice in one run, then it prints the line once', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const key = `test-${randomBytes(4).toString('hex')}`;
    try {
      noticeOnce(key, 'the first time');
      noticeOnce(key, 'the second time');
      expect(stderr.mock.calls.map(([line]) => line)).toEqual(['course: the first time\n']);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('requiresPostgresServer', () => {
  const jestBin = require.resolve('jest/bin/jest');

  function runFixture(env: Record<string, string>): { title: string; status: string; stderr: string } {
    const result = spawnSync(
      process.execPath,
      [jestBin, '--json', '--ci', '--testMatch', '**/fixtures/server-only.fixture.ts'],
      { cwd: path.join(__dirname, '..'), env: { ...process.env, ...env }, encoding: 'utf8' },
    );
    const report = JSON.parse(result.stdout) as {
      testResults: { assertionResults: { title: string; status: string }[] }[];
    };
    return { ...report.testResults[0]!.assertionResults[0]!, stderr: result.stderr };
  }

  it('When the tests run on PGlite, then a test that needs a server is skipped with its reason, and says so', () => {
    const { title, status, stderr } = runFixture({ COURSE_PGLITE: '1' });

    expect({ title, status }).toEqual({
      title: 'When it runs, then it passes [needs a PostgreSQL server: it needs a shadow database]',
      status: 'pending',
    });
    expect(stderr).toContain(
      'course: skipped on the embedded PostgreSQL, needs a server: "When it runs, then it passes" (it needs a shadow database)',
    );
  });

  it('When the tests run on a server, then that test runs', () => {
    expect(runFixture({ COURSE_PGLITE: '0' })).toMatchObject({
      title: 'When it runs, then it passes',
      status: 'passed',
    });
  });
});
