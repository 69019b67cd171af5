import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase, postgresUrl, type TestDatabase } from './postgres';
import {
  databaseUrl,
  dropStaleTemplates,
  dropTemplate,
  parseTemplateName,
  TEMPLATE_PREFIX,
} from './templates';
import { databaseExists, serverQuery } from './test-support';

// Creating databases waits on the server's disk; on a busy machine that takes seconds.
jest.setTimeout(30_000);

const fixtures = path.join(__dirname, 'fixtures', 'migrations');
const opened: TestDatabase[] = [];
let dir: string;
let label: string;

/** A copy of the fixture migrations with a comment of its own, so that this test's template is new. */
function freshMigrations(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'course-templates-'));
  fs.cpSync(fixtures, copy, { recursive: true });
  const first = path.join(copy, '20250101000000_authors', 'migration.sql');
  fs.appendFileSync(first, `-- ${randomBytes(8).toString('hex')}\n`);
  return copy;
}

async function create(options: { migrationsDir?: string; schemaSql?: string }): Promise<TestDatabase> {
  const database = await createTestDatabase({ ...options, label });
  opened.push(database);
  return database;
}

async function templatesOf(which: string): Promise<string[]> {
  const rows = await serverQuery<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'course\\_tpl\\_%' ORDER BY datname",
  );
  return rows.map((row) => row.datname).filter((name) => parseTemplateName(name)?.label === which);
}

async function tables(database: TestDatabase): Promise<string[]> {
  const { rows } = await database.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

async function dropAll(names: string[]): Promise<void> {
  const admin = new Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    for (const name of names) await dropTemplate(admin, name);
  } finally {
    await admin.end();
  }
}

beforeEach(() => {
  dir = freshMigrations();
  label = `tpl${randomBytes(3).toString('hex')}`;
});

afterEach(async () => {
  for (const database of opened.splice(0)) await dropTestDatabase(database);
  await dropAll(await templatesOf(label));
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('template databases', () => {
  it('When two databases are made from the same migrations, then both are clones of one template', async () => {
    const first = await create({ migrationsDir: dir });
    const second = await create({ migrationsDir: dir });

    expect(first.template).toMatch(new RegExp(`^${TEMPLATE_PREFIX}${label}_[0-9a-f]{12}_[0-9a-z]+$`));
    expect(second.template).toBe(first.template);
    expect(await templatesOf(label)).toEqual([first.template]);
    expect(await tables(second)).toEqual(['_prisma_migrations', 'authors', 'books']);
  });

  it('When a clone is changed, then neither the template nor the other clones see it', async () => {
    const first = await create({ migrationsDir: dir });
    await first.query("INSERT INTO authors (name) VALUES ('Ursula')");
    await first.query('ALTER TABLE books ADD COLUMN isbn TEXT');

    const second = await create({ migrationsDir: dir });

    expect((await second.query('SELECT * FROM authors')).rows).toEqual([]);
    const { rows } = await second.query(
      "SELECT 1 FROM information_schema.columns WHERE column_name = 'isbn'",
    );
    expect(rows).toEqual([]);
  });

  it('When a migration changes, then a new template is built with the change', async () => {
    const before = await create({ migrationsDir: dir });
    fs.appendFileSync(
      path.join(dir, '20250102000000_books', 'migration.sql'),
      'ALTER TABLE books ADD COLUMN isbn TEXT;\n',
    );

    const after = await create({ migrationsDir: dir });

    expect(after.template).not.toBe(before.template);
    const { rows } = await after.query("SELECT 1 FROM information_schema.columns WHERE column_name = 'isbn'");
    expect(rows).toHaveLength(1);
  });

  it('When the schema SQL differs, then it gets a template of its own', async () => {
    const notes = await create({ schemaSql: 'CREATE TABLE notes (id SERIAL PRIMARY KEY);' });
    const tags = await create({ schemaSql: 'CREATE TABLE tags (id SERIAL PRIMARY KEY);' });

    expect(notes.template).not.toBe(tags.template);
    expect(await tables(notes)).toEqual(['notes']);
    expect(await tables(tags)).toEqual(['tags']);
  });

  it('When many test files start at once, then the template is built exactly once and all of them get it', async () => {
    // The sleep keeps the first builder inside its lock long enough for the others to collide with it.
    fs.appendFileSync(path.join(dir, '20250101000000_authors', 'migration.sql'), 'SELECT pg_sleep(0.3);\n');

    const databases = await Promise.all([1, 2, 3, 4].map(() => create({ migrationsDir: dir })));

    const used = new Set(databases.map((database) => database.template));
    expect(used.size).toBe(1);
    expect(await templatesOf(label)).toEqual([...used]);
    for (const database of databases) {
      expect((await database.query('SELECT count(*)::int AS n FROM _prisma_migrations')).rows).toEqual([
        { n: 2 },
      ]);
    }
  });

  it('When a template is built, then nobody can connect to it', async () => {
    const database = await create({ migrationsDir: dir });
    const client = new Client({ connectionString: databaseUrl(postgresUrl(), database.template!) });

    await expect(client.connect()).rejects.toThrow(/not currently accepting connections/);
  });

  it('When someone is connected to the template, then the database is migrated from scratch and a warning names them', async () => {
    const first = await create({ migrationsDir: dir });
    await serverQuery(`ALTER DATABASE "${first.template}" WITH ALLOW_CONNECTIONS true`);
    const squatter = new Client({
      connectionString: databaseUrl(postgresUrl(), first.template!),
      application_name: 'psql-by-hand',
    });
    await squatter.connect();
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const second = await create({ migrationsDir: dir });

      expect(second.template).toBeUndefined();
      expect(await tables(second)).toEqual(['_prisma_migrations', 'authors', 'books']);
      expect(stderr.mock.calls.join('\n')).toMatch(/is in use by psql-by-hand .*migrated from scratch/);
    } finally {
      stderr.mockRestore();
      await squatter.end();
    }
  });

  it('When a migration fails, then the error surfaces and no template or database is left behind', async () => {
    fs.appendFileSync(
      path.join(dir, '20250102000000_books', 'migration.sql'),
      'INSERT INTO publishers VALUES (1);\n',
    );

    await expect(create({ migrationsDir: dir })).rejects.toThrow(/relation "publishers" does not exist/);

    expect(await templatesOf(label)).toEqual([]);
    const rows = await serverQuery('SELECT 1 FROM pg_database WHERE datname LIKE $1', [
      `course\\_test\\_${label}\\_%`,
    ]);
    expect(rows).toEqual([]);
  });

  it('When a template is dropped between two test files, then the next one builds it again', async () => {
    const first = await create({ migrationsDir: dir });
    await dropAll([first.template!]);

    const second = await create({ migrationsDir: dir });

    expect(await databaseExists(first.template!)).toBe(false);
    expect(second.template).toBeDefined();
    expect(await tables(second)).toEqual(['_prisma_migrations', 'authors', 'books']);
  });
});

describe('stale templates', () => {
  const minutes = (n: number) => Date.now() - n * 60_000;
  const named = (which: string, hash: string, at: number) =>
    `${TEMPLATE_PREFIX}${which}_${hash}_${at.toString(36)}`;
  let other: string;
  let made: string[];

  beforeEach(async () => {
    other = `${label}x`;
    made = [
      named(label, 'aaaaaaaaaaaa', minutes(5)), // same package, recent: a run of the other target may need it
      named(label, 'bbbbbbbbbbbb', minutes(30)), // same package, older: an earlier version of the migrations
      named(other, 'cccccccccccc', minutes(120)), // another package, today: kept
      named(other, 'dddddddddddd', minutes(25 * 60)), // another package, yesterday: dropped
    ];
    for (const name of made)
      await serverQuery(`CREATE DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  });

  afterEach(async () => {
    await dropAll((await templatesOf(other)).concat(await templatesOf(label)));
  });

  it('When a new template is built, then older ones of its package and day-old ones of any package are dropped', async () => {
    const database = await create({ migrationsDir: dir });

    const left = [...(await templatesOf(label)), ...(await templatesOf(other))].sort();
    expect(left).toEqual([made[0], made[2], database.template].sort());
  });

  it('When the stale ones are judged, then only templates made by the harness count', async () => {
    const admin = new Client({ connectionString: postgresUrl() });
    await admin.connect();
    try {
      const dropped = await dropStaleTemplates(admin, named(label, 'eeeeeeeeeeee', Date.now()));

      // Every template build on this server (another test file of this run, another package's run) drops
      // day-old templates too, and may drop made[3] first; nothing but this call drops made[1]. What is left
      // afterwards is checked below.
      expect(dropped).toContain(made[1]);
      expect(dropped.filter((name) => !name.startsWith(TEMPLATE_PREFIX))).toEqual([]);
    } finally {
      await admin.end();
    }
    const left = [...(await templatesOf(label)), ...(await templatesOf(other))].sort();
    expect(left).toEqual([made[0], made[2]].sort());
    expect(await databaseExists('template1')).toBe(true);
  });
});
