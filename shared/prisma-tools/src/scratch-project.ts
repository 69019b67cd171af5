import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { SHADOW_DATABASE_PREFIX } from './adapter-factory';
import { createDatabase, DEFAULT_DATABASE_URL, dropDatabase, withDatabase } from './database';
import type { SchemaOptions } from './options';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const FIXTURE_DIR = path.join(PACKAGE_DIR, 'fixtures', 'bookstore');
const SERVER_URL = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

/** A copy of the bookstore fixture with databases of its own, for one test. */
export interface ScratchProject extends SchemaOptions {
  dir: string;
  /** A new, uniquely named database on the test server; created unless `create` is false. Dropped by cleanup. */
  newDatabase(options?: { create?: boolean }): Promise<string>;
  /** Replaces text in schema.prisma. */
  editSchema(find: string, replace: string): void;
  /** The names of the migration folders, in order. */
  migrationNames(): string[];
  cleanup(): Promise<void>;
}

/**
 * Copies the fixture into .course/ inside this package, so that its imports of @prisma/client and prisma/config
 * resolve to this package's dependencies, and creates an empty development database for it. The fixture comes with
 * its first migration; `withMigrations: false` leaves the migrations folder out.
 */
export async function createScratchProject({ withMigrations = true } = {}): Promise<ScratchProject> {
  const dir = path.join(PACKAGE_DIR, '.course', `scratch-${randomBytes(6).toString('hex')}`);
  fs.cpSync(FIXTURE_DIR, dir, { recursive: true });
  if (!withMigrations) fs.rmSync(path.join(dir, 'prisma', 'migrations'), { recursive: true });
  const databases: string[] = [];

  const newDatabase = async ({ create = true } = {}) => {
    const name = `prisma_tools_test_${randomBytes(6).toString('hex')}`;
    databases.push(name);
    if (create) await createDatabase(SERVER_URL, name);
    return withDatabase(SERVER_URL, name);
  };
  const schemaPath = path.join(dir, 'prisma', 'schema.prisma');
  const migrationsDir = path.join(dir, 'prisma', 'migrations');

  return {
    dir,
    schemaPath,
    migrationsDir,
    databaseUrl: await newDatabase(),
    newDatabase,
    editSchema(find, replace) {
      const schema = fs.readFileSync(schemaPath, 'utf8');
      if (!schema.includes(find)) throw new Error(`schema.prisma has no "${find}"`);
      fs.writeFileSync(schemaPath, schema.replace(find, replace));
    },
    migrationNames() {
      if (!fs.existsSync(migrationsDir)) return [];
      return fs
        .readdirSync(migrationsDir)
        .filter((name) => fs.statSync(path.join(migrationsDir, name)).isDirectory())
        .sort();
    },
    async cleanup() {
      for (const name of databases) await dropDatabase(SERVER_URL, name);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs one query on a database and returns its rows. */
export async function queryRows<T extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The tables in a database's public schema, sorted. */
export async function tablesIn(url: string): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

/** The columns of a table in the public schema, sorted. */
export async function columnsOf(url: string, table: string): Promise<string[]> {
  const rows = await queryRows<{ column_name: string }>(
    url,
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY column_name",
    [table],
  );
  return rows.map((row) => row.column_name);
}

/** Shadow databases that this process created and has not dropped. */
export async function leftoverShadowDatabases(): Promise<string[]> {
  const rows = await queryRows<{ datname: string }>(
    SERVER_URL,
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [`${SHADOW_DATABASE_PREFIX}${process.pid}_`],
  );
  return rows.map((row) => row.datname);
}
