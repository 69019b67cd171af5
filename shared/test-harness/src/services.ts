import fs from 'node:fs';
import path from 'node:path';
import { redactUrl, unreachableReason } from '@course/db-migrate/diagnostics';

/** The PostgreSQL server that tests create their databases on: DATABASE_URL, or the local server. */
export function postgresUrl(): string {
  return process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** The Redis server that tests use: REDIS_URL, or the local server. */
export function redisUrl(): string {
  return process.env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/** How long a test waits for a service to accept a connection before it fails with `serviceError`. */
export const CONNECT_TIMEOUT_MS = 3000;

/** One message for a service that tests cannot use, naming its URL without the password and saying what to do. */
export function serviceError(service: 'PostgreSQL' | 'Redis', url: string, cause: unknown): Error {
  const where = redactUrl(url);
  const reason = unreachableReason(cause);
  const problem = reason
    ? `${service} is not reachable at ${where} (${reason})`
    : `${service} at ${where} refused the connection: ${(cause as Error).message}`;
  return new Error(`${problem}. Start it (docs/setup.md) or run: pnpm course doctor`, { cause });
}

/**
 * One line to the terminal about how the tests reach a service. It goes to stderr directly, so that jest's
 * `--silent`, which hides console output, cannot hide it.
 */
export function notice(message: string): void {
  process.stderr.write(`course: ${message}\n`);
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
