import {
  createTestDatabase,
  dropTestDatabase,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database';
import { embeddedExpected } from './embedded-database';
import { currentTestPath, notice, packageName } from './services';

export {
  createTestDatabase,
  dropTestDatabase,
  isEmbedded,
  type CreateTestDatabaseOptions,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database';
export { dropStaleTestDatabases, testDatabaseName } from './stale-databases';
export { postgresUrl, serviceError } from './services';

/**
 * How long the hooks may take. Cloning a template takes milliseconds, but the first test file after a migration
 * changed builds the template, and on the embedded PostgreSQL the first run on a machine initialises its data
 * directory (initdb, several seconds). An unreachable server still fails within CONNECT_TIMEOUT_MS.
 */
const SETUP_TIMEOUT_MS = 120_000;
const EMBEDDED_TEST_TIMEOUT_MS = 30_000;

/**
 * Gives the calling test file a database of its own. Call it at the top level of the file (or of a describe): it
 * registers a beforeAll that clones the database from a template built once from `migrationsDir` and `schemaSql`, and
 * an afterAll that closes the pool and drops the database. Where no PostgreSQL server is reachable, or with
 * COURSE_PGLITE=1, the database is an embedded one (PGlite). Tests share the database; call `truncate()` in a beforeEach for a clean
 * slate per test.
 *
 * The returned object can be used from tests and hooks only; reading it while the file loads, or after the
 * afterAll, throws.
 *
 * @example
 * const db = useTestDatabase({ migrationsDir: path.join(__dirname, '../solution/prisma/migrations') });
 * beforeEach(() => db.truncate());
 */
export function useTestDatabase(options: TestDatabaseOptions = {}): TestDatabase {
  const label = packageName(currentTestPath());
  let current: TestDatabase | undefined;
  let dropped = false;

  // PGlite runs every query of every connection one after another on one thread, several times slower than a
  // server; the tests stay the same, only jest's patience for each of them grows.
  if (embeddedExpected()) jest.setTimeout(EMBEDDED_TEST_TIMEOUT_MS);
  beforeAll(async () => {
    current = await createTestDatabase({ ...options, label });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    const database = current;
    current = undefined;
    dropped = true;
    if (database) await dropTestDatabase(database);
  }, SETUP_TIMEOUT_MS);

  const live = (): TestDatabase => {
    if (current) return current;
    throw new Error(
      dropped
        ? 'useTestDatabase(): the test database was dropped by its afterAll; use it only in tests and hooks before that.'
        : 'useTestDatabase(): the test database does not exist until its beforeAll has run; use it in tests and hooks, not while the test file loads.',
    );
  };
  return {
    get name() {
      return live().name;
    },
    get url() {
      return live().url;
    },
    get serverUrl() {
      return live().serverUrl;
    },
    get template() {
      return live().template;
    },
    get pool() {
      return live().pool;
    },
    query: (sql, params) => live().query(sql, params),
    truncate: () => live().truncate(),
    onClose: (fn) => live().onClose(fn),
    close: () => live().close(),
  };
}

/** The `it` of a test that only a PostgreSQL server can pass: see requiresPostgresServer. */
export type ServerTest = (name: string, fn: jest.ProvidesCallback, timeout?: number) => void;

/**
 * For a test that the embedded PostgreSQL cannot pass, such as one that needs a shadow database. On a real server it
 * is `it`. On the embedded one it registers the test as skipped, with `reason` in its name, and prints a line that
 * names it, so the run reports it as skipped rather than passed.
 *
 * @example
 * requiresPostgresServer('migrate diff needs a shadow database')('When …, then …', async () => { … });
 */
export function requiresPostgresServer(reason: string): ServerTest {
  if (!embeddedExpected()) return it;
  return (name, fn, timeout) => {
    notice(`skipped on the embedded PostgreSQL, needs a server: "${name}" (${reason})`);
    it.skip(`${name} [needs a PostgreSQL server: ${reason}]`, fn, timeout);
  };
}
