import type { ClientBase } from 'pg';

/** Every test database is named `course_test_<label>_<pid>_<n>`: the pid says whose it is. */
export const TEST_DATABASE_PREFIX = 'course_test_';
const TEST_DATABASE_NAME = /^course_test_[a-z0-9_]*?_(\d+)_(\d+)$/;
const LOCAL_HOSTS = new Set(['', 'localhost', '127.0.0.1', '[::1]']);

/** A test database name for the process `pid`, lower-case and within PostgreSQL's 63-character limit. */
export function testDatabaseName(label: string, pid: number, n: number): string {
  const suffix = `_${pid}_${n}`;
  const clean = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${TEST_DATABASE_PREFIX}${clean}`.slice(0, 63 - suffix.length) + suffix;
}

/** The pid embedded in a test database name, or undefined for any other database. */
export function ownerPid(name: string): number | undefined {
  const match = TEST_DATABASE_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Pids only identify processes on this machine, so leftovers are cleaned only on a server reached through a
 * local address; on a remote server, a pid that looks dead here may be a live process elsewhere.
 */
export function isLocalServer(serverUrl: string): boolean {
  return LOCAL_HOSTS.has(new URL(serverUrl).hostname);
}

/**
 * Drops the test databases left behind by processes that no longer run (a crashed or killed jest worker), and
 * returns their names. Databases of running processes are never touched: other test runs may be using them.
 */
export async function dropStaleTestDatabases(admin: ClientBase): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'course\\_test\\_%'",
  );
  const stale = rows
    .map((row) => row.datname)
    .filter((name) => {
      const pid = ownerPid(name);
      return pid !== undefined && !isRunning(pid);
    });
  for (const name of stale) {
    // Another process may be cleaning up the same leftovers at this moment; IF EXISTS makes that harmless.
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  return stale;
}
