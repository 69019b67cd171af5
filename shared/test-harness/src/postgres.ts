import {
  createTestDatabase,
  dropTestDatabase,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database';
import { currentTestPath, packageName } from './services';

export {
  createTestDatabase,
  dropTestDatabase,
  type CreateTestDatabaseOptions,
  type TestDatabase,
  type TestDatabaseOptions,
} from './test-database';
export { dropStaleTestDatabases, testDatabaseName } from './stale-databases';
export { postgresUrl, serviceError } from './services';

/**
 * Gives the calling test file a database of its own. Call it at the top level of the file (or of a describe): it
 * registers a beforeAll that creates the database and applies `migrationsDir` and `schemaSql`, and an afterAll that
 * closes the pool and drops the database. Tests share the database; call `truncate()` in a beforeEach for a clean
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

  beforeAll(async () => {
    current = await createTestDatabase({ ...options, label });
  });
  afterAll(async () => {
    const database = current;
    current = undefined;
    dropped = true;
    if (database) await dropTestDatabase(database);
  });

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
