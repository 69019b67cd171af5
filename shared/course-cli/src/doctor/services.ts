import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { CheckResult } from './result';

const TIMEOUT_MS = 3000;
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The URL without its password, for printing. */
function safe(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function neededBy(chapters: string[]): string {
  return chapters.length > 0 ? `needed by ${chapters.join(', ')}` : 'no chapter needs it yet';
}

export async function checkPostgres(url: string, chapters: string[]): Promise<CheckResult> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
  });
  const where = `PostgreSQL at ${safe(url)}`;
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true, summary: `${where} answers (${neededBy(chapters)})`, remedy: [] };
  } catch (error) {
    return {
      ok: false,
      summary: `${where}: ${(error as Error).message || 'no answer'} (${neededBy(chapters)})`,
      remedy: [
        'Start it with Docker: docker compose up -d postgres',
        'or, with PostgreSQL installed on Debian/Ubuntu: sudo pg_ctlcluster 15 main start',
        'or point the course at your server: export DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/postgres',
      ],
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url: string, chapters: string[]): Promise<CheckResult> {
  const where = `Redis at ${safe(url)}`;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    commandTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket error explains more than connect()'s rejection ("Connection is closed"), so keep it.
  let socketError: Error | undefined;
  client.on('error', (error: Error) => {
    socketError = error;
  });
  try {
    await client.connect();
    const reply = await client.ping();
    return { ok: reply === 'PONG', summary: `${where} answers PING (${neededBy(chapters)})`, remedy: [] };
  } catch (error) {
    return {
      ok: false,
      summary: `${where}: ${(socketError ?? (error as Error)).message || 'no answer'} (${neededBy(chapters)})`,
      remedy: [
        'Start it with Docker: docker compose up -d redis',
        'or, with Redis installed: redis-server --daemonize yes',
        'or point the course at your server: export REDIS_URL=redis://HOST:6379',
      ],
    };
  } finally {
    client.disconnect();
  }
}
