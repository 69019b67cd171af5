import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chapterOf } from '@course/chapter-kit/manifest';
import { redactUrl, unreachableReason } from '@course/db-migrate/diagnostics';
import { DEFAULT_DATABASE_URL } from '@course/db-migrate/probe';

/** The PostgreSQL server that tests create their databases on: DATABASE_URL, or the local server. */
export function postgresUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The Redis server that tests use: REDIS_URL, or the local server. */
export function redisUrl(): string {
  return process.env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/** How long a test waits for a service to accept a connection before it fails with `serviceError`. */
export const CONNECT_TIMEOUT_MS = 3000;

export type Service = 'PostgreSQL' | 'Redis';

/** How to get each service on a learner's machine, in the words of docs/setup.md. */
export const REMEDIES: Record<Service, string> = {
  PostgreSQL:
    'Start it with `docker compose up -d postgres` (docker-compose.yml at the repository root), or install ' +
    "your system's package (Debian/Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql@15`)",
  Redis:
    'Start it with `docker compose up -d redis` (docker-compose.yml at the repository root), or install ' +
    "your system's package (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`)",
};

/**
 * One message for a service that tests cannot use: its URL without the password, which chapter needs it (when a
 * chapter's test asked), how to get it, and where to read more.
 */
export function serviceError(
  service: Service,
  url: string,
  cause: unknown,
  testPath = currentTestPath(),
): Error {
  const where = redactUrl(url);
  const reason = unreachableReason(cause);
  const problem = reason
    ? `${service} is not reachable at ${where} (${reason})`
    : `${service} at ${where} refused the connection: ${(cause as Error).message}`;
  const chapter = chapterNeeding(testPath);
  const who = chapter ? ` ${chapter} needs it.` : '';
  return new Error(
    `${problem}.${who} ${REMEDIES[service]}; see docs/setup.md, then run: pnpm course doctor`,
    {
      cause,
    },
  );
}

/** `Chapter 5 (Caching and rate limiting)` for a test of that chapter; undefined outside a chapter's tests. */
export function chapterNeeding(testPath: string | undefined): string | undefined {
  if (!testPath) return undefined;
  try {
    const chapter = chapterOf(testPath);
    return `Chapter ${Number(chapter.number)} (${chapter.title})`;
  } catch {
    return undefined; // a shared package's or a capstone's tests: no chapter to name
  }
}

/**
 * One line to the terminal about how the tests reach a service. It goes to stderr directly, so that jest's
 * `--silent`, which hides console output, cannot hide it.
 */
export function notice(message: string): void {
  process.stderr.write(`course: ${message}\n`);
}

/**
 * Like notice(), but once per test run however many test files (and jest workers) ask: the first to create a
 * marker file named after the run's parent process prints the line.
 */
export function noticeOnce(key: string, message: string): void {
  try {
    fs.writeFileSync(runMarker(key), '', { flag: 'wx' });
  } catch {
    return; // another test file of this run has said it
  }
  notice(message);
}

/** A file in the temp directory that lives as long as this test run (the parent of the jest processes). */
export function runMarker(key: string): string {
  const dir = path.join(os.tmpdir(), 'course-notices');
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
  else if (!markersPruned) {
    markersPruned = true;
    for (const entry of fs.readdirSync(dir)) {
      const pid = Number(entry.split('-')[0]);
      if (!isRunning(pid)) fs.rmSync(path.join(dir, entry), { force: true });
    }
  }
  return path.join(dir, `${process.ppid}-${key}`);
}

let markersPruned = false;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The test file that jest is loading or running, or undefined outside jest. */
export function currentTestPath(): string | undefined {
  return typeof expect === 'undefined' ? undefined : expect.getState().testPath;
}

/**
 * The unscoped name of the package that `file` belongs to (`ch05-caching` for `@course/ch05-caching`), so a
 * leftover database or key can be traced to the package whose tests made it.
 */
export function packageName(file: string = process.cwd()): string {
  let dir = path.resolve(file);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (name) return name.replace(/^@[^/]+\//, '');
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'tests';
    dir = parent;
  }
}
