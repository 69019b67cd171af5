import { Redis } from 'ioredis';
import { Client } from 'pg';
import type { CheckResult } from './result';

const TIMEOUT_MS = 3000;
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

/**
 * A service that does not answer: a failure when a chapter needs it, a warning otherwise, with how to get it and
 * which chapters wait for it (chapter.json `services`).
 */
function missing(summary: string, chapters: string[], howTo: string[]): CheckResult {
  const who =
    chapters.length > 0
      ? [
          `Only ${chapters.join(', ')} ${chapters.length === 1 ? 'needs' : 'need'} it; the other chapters run without it.`,
        ]
      : ['No chapter needs it yet, so nothing waits for it.'];
  return { ok: false, warning: chapters.length === 0, summary, remedy: [...who, ...howTo] };
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
    return missing(`${where}: ${(error as Error).message || 'no answer'} (${neededBy(chapters)})`, chapters, [
      'With Docker, from the repository root: docker compose up -d postgres   (docker-compose.yml)',
      'Debian/Ubuntu: sudo apt-get install postgresql, then sudo pg_ctlcluster <version> main start',
      'macOS (Homebrew): brew install postgresql@15 && brew services start postgresql@15',
      'or point the course at your server: export DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/postgres',
      'More in docs/setup.md.',
    ]);
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
    const reason = (socketError ?? (error as Error)).message || 'no answer';
    return missing(`${where}: ${reason} (${neededBy(chapters)})`, chapters, [
      'With Docker, from the repository root: docker compose up -d redis   (docker-compose.yml)',
      'Debian/Ubuntu: sudo apt-get install redis-server, then redis-server --daemonize yes',
      'macOS (Homebrew): brew install redis && brew services start redis',
      'or point the course at your server: export REDIS_URL=redis://HOST:6379',
      'More in docs/setup.md.',
    ]);
  } finally {
    client.disconnect();
  }
}
