import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '@course/db-migrate';
import {
  dropStaleDataDirs,
  embeddedInUseSync,
  embeddedMode,
  preparedDataDir,
  startEmbeddedPostgres,
} from '@course/db-migrate/embedded';
import { Client } from 'pg';
import { noticeOnce, postgresUrl, runMarker } from './services';
import { templateHash, type TemplateSource } from './templates';

/**
 * A test database on the embedded PostgreSQL (PGlite). PGlite holds one database per server, so each test file
 * gets a server of its own, on a copy of a data directory that was migrated once per set of migrations: the same
 * template idea as on a real server, with directories instead of databases.
 */
export async function startEmbeddedTestDatabase(
  source: TemplateSource,
  reason: string,
): Promise<{ url: string; template: string; drop: () => Promise<void> }> {
  noticeOnce(
    'pglite',
    `${reason}: the tests use the embedded PostgreSQL (PGlite) instead. Tests that need a real server say so and are skipped.`,
  );
  const template = await preparedDataDir(`tpl-${templateHash(source)}`, async (url) => {
    if (source.migrationsDir) await migrate({ connectionString: url, migrationsDir: source.migrationsDir });
    if (source.schemaSql) await runSql(url, source.schemaSql);
  });
  dropStaleDataDirs([template]);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'course-pglite-test-'));
  try {
    fs.cpSync(template, copy, { recursive: true });
    const server = await startEmbeddedPostgres(copy);
    return {
      url: server.url,
      template: path.basename(template),
      drop: async () => {
        try {
          await server.stop();
        } finally {
          fs.rmSync(copy, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    fs.rmSync(copy, { recursive: true, force: true });
    throw error;
  }
}

async function runSql(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Whether this run's tests will be on the embedded PostgreSQL, known while a test file loads (to pick jest's
 * timeouts, or which tests to register). COURSE_PGLITE decides when set; otherwise the first test file of the run
 * tries a TCP connection to DATABASE_URL (a few tens of milliseconds) and the others read its answer.
 */
export function embeddedExpected(): boolean {
  const mode = embeddedMode();
  if (mode !== 'auto') return mode === 'always';
  const url = postgresUrl();
  const marker = runMarker(`probe-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`);
  try {
    return fs.readFileSync(marker, 'utf8') === 'embedded';
  } catch {
    const embedded = embeddedInUseSync(url);
    fs.writeFileSync(marker, embedded ? 'embedded' : 'server');
    return embedded;
  }
}
