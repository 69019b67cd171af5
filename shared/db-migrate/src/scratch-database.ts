import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// Test support for this package. @course/test-harness builds on this package, so its tests cannot use the harness.

const SERVER_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
let counter = 0;

export interface ScratchDatabase {
  url: string;
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

async function onServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server, to be dropped by the test that made it. */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  counter += 1;
  // The course_test_<label>_<pid>_<n> scheme lets @course/test-harness drop it if this process dies before dropping it.
  const name = `course_test_db_migrate_${process.pid}_${counter}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    query: async (sql, params) => {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    drop: () =>
      onServer(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** An empty migrations folder in a temp directory, with Prisma's lock file. */
export function createMigrationsFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-migrations-'));
  fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  return dir;
}

/** Writes one `<name>/migration.sql` per entry, replacing files that exist. */
export function writeMigrations(dir: string, migrations: Record<string, string>): void {
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, name), { recursive: true });
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
}
