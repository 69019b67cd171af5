import { CONNECT_TIMEOUT_MS, unreachableReason } from '@course/db-migrate';
import { DEFAULT_DATABASE_URL } from '@course/db-migrate/probe';
import pg from 'pg';
import { PrismaToolsError } from './prisma-tools-error';

/** Used when DATABASE_URL is unset: the course's local PostgreSQL, which needs no password. */
export { DEFAULT_DATABASE_URL };

const DATABASE_DOES_NOT_EXIST = '3D000';

function parse(url: string): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') return parsed;
  } catch {
    // Reported below, with the same message as a URL of another kind.
  }
  throw new PrismaToolsError({
    code: 'DATABASE_URL_INVALID',
    message: 'DATABASE_URL must look like postgres://user@host:5432/database',
  });
}

/** The database a URL points at. */
export function databaseName(url: string): string {
  return decodeURIComponent(parse(url).pathname.slice(1)) || 'postgres';
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = parse(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** For messages: `bookstore on 127.0.0.1:5432`, never the password. */
export function describeDatabase(url: string): string {
  const { hostname, port } = parse(url);
  return `${databaseName(url)} on ${hostname}:${port || '5432'}`;
}

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    const reason = unreachableReason(error);
    if (!reason) throw error;
    throw new PrismaToolsError({
      code: 'DATABASE_UNREACHABLE',
      message: `PostgreSQL is not reachable at ${describeDatabase(url)} (${reason})`,
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database on the server that `serverUrl` points at. */
export function createDatabase(serverUrl: string, name: string): Promise<void> {
  return onDatabase(serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
}

/** Drops a database, even while clients are still connected to it. */
export function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return onDatabase(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/**
 * Creates the database that `url` points at when PostgreSQL says it does not exist, as `prisma migrate` does, by
 * connecting to the server's `postgres` database. Returns whether it created one.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  try {
    await onDatabase(url, async () => undefined);
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code !== DATABASE_DOES_NOT_EXIST) throw error;
  }
  await createDatabase(withDatabase(url, 'postgres'), databaseName(url));
  return true;
}

/** Drops the `public` schema with everything in it, the migrations table included, and creates it empty. */
export function recreatePublicSchema(url: string): Promise<void> {
  return onDatabase(url, async (client) => {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  });
}

/**
 * Drops every schema of a database with everything in it, then creates an empty `public`. For a shadow database,
 * into which only migrations write, that is as good as a new database, and much faster to get.
 */
export function emptyDatabase(url: string): Promise<void> {
  return onDatabase(url, async (client) => {
    const { rows } = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'",
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA ${pg.escapeIdentifier(nspname)} CASCADE`);
    await client.query('CREATE SCHEMA public');
  });
}
