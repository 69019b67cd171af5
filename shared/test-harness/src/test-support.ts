import { Client } from 'pg';
import { postgresUrl } from './services';

// Helpers for this package's own tests: they look at the server from outside the code under test.

export async function serverQuery<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  const rows = await serverQuery('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return rows.length === 1;
}
