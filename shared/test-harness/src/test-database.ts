import { migrate, redactUrl, unreachableReason } from '@course/db-migrate';
import { embeddedMode } from '@course/db-migrate/embedded';
import { Client, Pool, type QueryResult, type QueryResultRow } from 'pg';
import { CONNECT_TIMEOUT_MS, notice, packageName, postgresUrl, serviceError } from './services';
import { dropStaleTestDatabases, isLocalServer, testDatabaseName } from './stale-databases';
import { startEmbeddedTestDatabase } from './embedded-database';
import { connectedTo, databaseUrl, ensureTemplate, type TemplateSource } from './templates';

export interface TestDatabaseOptions {
  /** A Prisma migrations folder (`<timestamp>_<name>/migration.sql`), applied with @course/db-migrate. */
  migrationsDir?: string;
  /** SQL to run after the migrations, or instead of them: a schema for a chapter without migrations, or seed rows. */
  schemaSql?: string;
}

export interface CreateTestDatabaseOptions extends TestDatabaseOptions {
  /** Goes into the database name, to trace a leftover to its package; defaults to the package at the working directory. */
  label?: string;
  /** The server to create the database on; defaults to DATABASE_URL, then to the local server. */
  serverUrl?: string;
}

/** A database of its own for one test file, with its connection details and a pool into it. */
export interface TestDatabase {
  readonly name: string;
  /** Connection URL of this database, for code under test that connects by itself (an app, a PrismaClient). */
  readonly url: string;
  /** The server it lives on, for dropTestDatabase. */
  readonly serverUrl: string;
  /** The template database it was cloned from, or undefined when it was migrated from scratch. */
  readonly template: string | undefined;
  /** A pg pool into this database, created on first use and ended before the database is dropped. */
  readonly pool: Pool;
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Empties every table in `public` except `_prisma_migrations`, and restarts their id sequences. */
  truncate(): Promise<void>;
  /**
   * Registers a function that runs before the database is dropped, such as `() => prisma.$disconnect()`. Close the
   * connections a test opens itself here: jest runs afterAll hooks in the order they were declared, so an afterAll
   * written below useTestDatabase would only run after the drop has cut those connections off.
   */
  onClose(fn: () => unknown): void;
  /** Runs the onClose functions, newest first, and ends the pool. The database itself stays; dropTestDatabase drops it. */
  close(): Promise<void>;
}

let created = 0;
/** The embedded servers of the test databases on PGlite, by database, for dropTestDatabase. */
const embeddedServers = new WeakMap<TestDatabase, () => Promise<void>>();

/**
 * Creates a fresh database on the test server with the migrations and schema SQL applied. The first call for a set
 * of migrations builds a template database from them (see templates.ts); every call clones that template, which
 * takes a few tens of milliseconds however many migrations there are. On the way, it drops the test databases of
 * processes that no longer run, and templates of migrations that have changed since.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? postgresUrl();
  const label = options.label ?? packageName();
  const source = { migrationsDir: options.migrationsDir, schemaSql: options.schemaSql };
  const usesTemplate = Boolean(source.migrationsDir || source.schemaSql);
  const mode = embeddedMode();
  if (mode === 'always') return createEmbeddedDatabase(source, 'COURSE_PGLITE=1 is set');
  let admin: Client;
  try {
    admin = await connectAdmin(serverUrl);
  } catch (error) {
    const reason = unreachableReason((error as Error).cause);
    if (mode === 'never' || !reason) throw error;
    return createEmbeddedDatabase(
      source,
      `No PostgreSQL is reachable at ${redactUrl(serverUrl)} (${reason})`,
    );
  }
  const { name, template } = await withAdmin(admin, async (admin) => {
    if (isLocalServer(serverUrl)) await dropStaleTestDatabases(admin);
    if (!usesTemplate) return { name: await createUniqueDatabase(admin, label), template: undefined };
    return cloneTemplate(admin, serverUrl, label, source);
  });
  const database = new Database(name, serverUrl, template);
  if (template) return database;
  // Without a template (someone is connected to it), the migrations are applied the slow way.
  try {
    if (source.migrationsDir)
      await migrate({ connectionString: database.url, migrationsDir: source.migrationsDir });
    if (source.schemaSql) await database.query(source.schemaSql);
    return database;
  } catch (error) {
    await dropTestDatabase(database);
    throw error;
  }
}

/**
 * Clones the template for `source`, building it when needed. A template dropped between finding and cloning it
 * (a newer run cleaned it up) is built again. One that someone is connected to cannot be cloned; the database is
 * then created empty, for the caller to migrate, and a warning says who holds the template.
 */
async function cloneTemplate(
  admin: Client,
  serverUrl: string,
  label: string,
  source: TemplateSource,
): Promise<{ name: string; template: string | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const template = await ensureTemplate(admin, serverUrl, label, source);
    const holders = await connectedTo(admin, template);
    if (holders.length === 0) {
      try {
        return { name: await createUniqueDatabase(admin, label, template), template };
      } catch (error) {
        const code = (error as { code?: string }).code;
        // 3D000: the template was dropped meanwhile; 55006: someone connected to it meanwhile.
        if (code === '3D000' && attempt < 3) continue;
        if (code !== '55006') throw error;
      }
    }
    notice(
      `template database ${template} is in use${holders.length ? ` by ${holders.join(', ')}` : ''}; ` +
        'this test database is migrated from scratch instead. Disconnect from the template to get the fast path back.',
    );
    return { name: await createUniqueDatabase(admin, label), template: undefined };
  }
}

/** Whether the database is on the embedded PostgreSQL (PGlite) rather than a server. */
export function isEmbedded(database: TestDatabase): boolean {
  return embeddedServers.has(database);
}

/** Closes the database's connections (see TestDatabase.onClose) and drops it, terminating any it did not know of. */
export async function dropTestDatabase(database: TestDatabase): Promise<void> {
  const stopEmbedded = embeddedServers.get(database);
  if (stopEmbedded) {
    embeddedServers.delete(database);
    try {
      await database.close();
    } finally {
      await stopEmbedded();
    }
    return;
  }
  try {
    await database.close();
  } finally {
    await onServer(database.serverUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS "${database.name}" WITH (FORCE)`),
    );
  }
}

async function createEmbeddedDatabase(source: TemplateSource, reason: string): Promise<TestDatabase> {
  const embedded = await startEmbeddedTestDatabase(source, reason);
  const database = new Database('postgres', embedded.url, embedded.template);
  embeddedServers.set(database, embedded.drop);
  return database;
}

/** A client on the server's maintenance database, or one clear error (its cause is the driver's) when there is none. */
async function connectAdmin(serverUrl: string): Promise<Client> {
  const admin = new Client({ connectionString: serverUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await admin.connect();
    return admin;
  } catch (error) {
    throw serviceError('PostgreSQL', serverUrl, error);
  }
}

async function withAdmin<T>(admin: Client, fn: (admin: Client) => Promise<T>): Promise<T> {
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Runs `fn` with a client on the server's maintenance database. */
async function onServer<T>(serverUrl: string, fn: (admin: Client) => Promise<T>): Promise<T> {
  return withAdmin(await connectAdmin(serverUrl), fn);
}

async function createUniqueDatabase(admin: Client, label: string, template?: string): Promise<string> {
  // The counter restarts with every test file, because jest gives each file fresh modules; a name that a
  // leftover of this same process still holds is skipped.
  const from = template ? ` TEMPLATE "${template}"` : '';
  for (;;) {
    created += 1;
    const name = testDatabaseName(label, process.pid, created);
    try {
      await admin.query(`CREATE DATABASE "${name}"${from}`);
      return name;
    } catch (error) {
      if ((error as { code?: string }).code !== '42P04') throw error; // 42P04: duplicate_database
    }
  }
}

class Database implements TestDatabase {
  readonly url: string;
  #pool: Pool | undefined;
  #closers: (() => unknown)[] = [];

  constructor(
    readonly name: string,
    readonly serverUrl: string,
    readonly template: string | undefined,
  ) {
    this.url = databaseUrl(serverUrl, name);
  }

  get pool(): Pool {
    if (!this.#pool) {
      this.#pool = new Pool({ connectionString: this.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
      // A pool re-emits the error of an idle client whose server connection ended; with no listener that is an
      // uncaught exception, which jest pins on whichever test runs next. The pool drops that client by itself,
      // and the next query reports any real problem.
      this.#pool.on('error', () => undefined);
    }
    return this.#pool;
  }

  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  async truncate(): Promise<void> {
    const { rows } = await this.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name
         FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length === 0) return;
    await this.query(`TRUNCATE TABLE ${rows.map((row) => row.name).join(', ')} RESTART IDENTITY CASCADE`);
  }

  onClose(fn: () => unknown): void {
    this.#closers.push(fn);
  }

  async close(): Promise<void> {
    const closers = this.#closers.reverse();
    this.#closers = [];
    try {
      for (const fn of closers) await fn();
    } finally {
      const pool = this.#pool;
      this.#pool = undefined;
      await pool?.end();
    }
  }
}
