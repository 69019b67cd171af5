import path from 'node:path';
import { resolveTarget } from '@course/jest-preset';
import { createLogger, type Logger } from '@course/platform/logging';
import { nextIsbn } from '@course/test-harness/isbn';
import { memoryLogger as memoryLoggerOf, type LogEntry } from '@course/test-harness/logs';
import { useTestDatabase, type TestDatabase } from '@course/test-harness/postgres';
import { expectProblem as expectProblemOf, type ResponseLike } from '@course/test-harness/problems';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, type Repositories } from '@target/app';
import { connectDatabase, type Database } from '@target/database';

export { nextIsbn, withWrongCheckDigit } from '@course/test-harness/isbn';
export { waitForLog, type LogEntry } from '@course/test-harness/logs';

/** The problem `type` URIs of the Bookstore: the base that createApp() gives the error handler. */
export const PROBLEM_TYPE_BASE = 'https://bookstore.example/problems/';

export const API = '/api/v1';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tree under test (starter/, solution/, or a copy that `course check` made) and its migrations. */
export const targetDir = resolveTarget(path.join(__dirname, '..'));
export const migrationsDir = path.join(targetDir, 'prisma', 'migrations');

/** A logger that keeps its JSON entries in memory and prints nothing, with the app's own formats. */
export function memoryLogger(): { logger: Logger; logs: LogEntry[] } {
  return memoryLoggerOf(createLogger);
}

export interface Bookstore {
  /** The test file's own database, built from the target's migrations. */
  db: TestDatabase;
  /** The app's connection to it: one pool and one Prisma client for the whole file. */
  database(): Database;
  /** A fresh app on the file's database (Prisma repositories unless replaced), with an in-memory log. */
  makeApp(repositories?: Partial<Repositories>): { app: Express; logs: LogEntry[] };
}

/**
 * Gives the calling test file a database of its own and empties it before every test, so that each test
 * starts from nothing and creates the rows it needs. Call it at the top level of the file.
 */
export function useBookstore(): Bookstore {
  const db = useTestDatabase({ migrationsDir });
  let database: Database | undefined;
  beforeAll(() => {
    database = connectDatabase({ url: db.url, poolSize: 10, logger: memoryLogger().logger });
    const opened = database;
    db.onClose(() => closeWithin(() => opened.close()));
  });
  beforeEach(() => emptyTables(db));

  const current = (): Database => {
    if (!database) throw new Error('useBookstore(): the database is ready in tests and hooks only');
    return database;
  };
  return {
    db,
    database: current,
    makeApp(repositories) {
      const { logger, logs } = memoryLogger();
      return { app: createApp({ database: current(), logger, repositories }), logs };
    },
  };
}

/**
 * Deletes every row, children before parents. For tables of a few rows, DELETE takes a millisecond or two where
 * TRUNCATE takes tens: TRUNCATE swaps in new files on disk, which pays off only for big tables.
 */
export async function emptyTables(db: TestDatabase): Promise<void> {
  await db.query(
    'DELETE FROM book_tags; DELETE FROM reviews; DELETE FROM books; DELETE FROM tags; DELETE FROM authors',
  );
}

/**
 * Closes a pool, or gives up after `ms`. A pool waits for every connection to come back before it closes, so code
 * that never releases one would hang the test run; the test database is dropped afterwards, and the server then
 * closes whatever is still open.
 */
export async function closeWithin(close: () => Promise<void>, ms = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([close(), deadline]);
  clearTimeout(timer);
}

/** Waits `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type Json = Record<string, unknown> & { id: string };

export async function createAuthor(app: Express, fields: Record<string, unknown> = {}): Promise<Json> {
  const res = await request(app)
    .post(`${API}/authors`)
    .send({ name: 'Ursula K. Le Guin', ...fields });
  if (res.status !== 201)
    throw new Error(`creating an author failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Json;
}

export function bookFields(authorId: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'The Left Hand of Darkness',
    isbn: nextIsbn(),
    authorId,
    publishedYear: 1969,
    priceCents: 1299,
    ...fields,
  };
}

export async function createBook(
  app: Express,
  authorId: string,
  fields: Record<string, unknown> = {},
): Promise<Json> {
  const res = await request(app).post(`${API}/books`).send(bookFields(authorId, fields));
  if (res.status !== 201)
    throw new Error(`creating a book failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Json;
}

export interface BookSpec {
  title: string;
  author: string;
  publishedYear?: number;
  priceCents?: number;
  tags?: string[];
}

/**
 * Inserts authors and books straight into the tables, a few statements in all, for tests about reading them.
 * Rows are created one second apart in the order given (authors in the order they first appear), so that
 * "oldest first" is well defined. Returns the ids by author name and by book title.
 */
export async function insertBooks(
  db: TestDatabase,
  specs: BookSpec[],
): Promise<{ authorIds: Map<string, string>; bookIds: Map<string, string> }> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  const at = (index: number) => new Date(start + index * 1000);
  const names = [...new Set(specs.map((spec) => spec.author))];
  const authors = await db.query<{ id: string; name: string }>(
    'INSERT INTO authors (name, created_at, updated_at) SELECT n, t, t FROM unnest($1::text[], $2::timestamptz[]) AS x(n, t) RETURNING id, name',
    [names, names.map((_, index) => at(index))],
  );
  const authorIds = new Map(authors.rows.map((row) => [row.name, row.id]));
  const books = await db.query<{ id: string; title: string }>(
    `INSERT INTO books (title, isbn, author_id, published_year, price_cents, created_at, updated_at)
     SELECT title, isbn, author_id, year, price, t, t
       FROM unnest($1::text[], $2::text[], $3::uuid[], $4::int[], $5::int[], $6::timestamptz[])
         AS x(title, isbn, author_id, year, price, t)
     RETURNING id, title`,
    [
      specs.map((spec) => spec.title),
      specs.map(() => nextIsbn()),
      specs.map((spec) => authorIds.get(spec.author)),
      specs.map((spec) => spec.publishedYear ?? 2000),
      specs.map((spec) => spec.priceCents ?? 999),
      specs.map((_, index) => at(names.length + index)),
    ],
  );
  const bookIds = new Map(books.rows.map((row) => [row.title, row.id]));
  const links = specs.flatMap((spec) => (spec.tags ?? []).map((tag) => [bookIds.get(spec.title), tag]));
  if (links.length > 0) {
    await db.query('INSERT INTO tags (name) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING', [
      links.map(([, tag]) => tag),
    ]);
    await db.query(
      `INSERT INTO book_tags (book_id, tag_id)
       SELECT x.book_id, t.id FROM unnest($1::uuid[], $2::text[]) AS x(book_id, name) JOIN tags t USING (name)`,
      [links.map(([id]) => id), links.map(([, tag]) => tag)],
    );
  }
  return { authorIds, bookIds };
}

/** Counts the rows of a table, straight from the database. */
export async function countRows(db: TestDatabase, table: string): Promise<number> {
  const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
  return rows[0]!.count;
}

/** Checks that a response is an RFC 9457 problem with the given status and code, and that it leaks nothing. */
export function expectProblem(res: ResponseLike, status: number, code: string): void {
  expectProblemOf(res, status, code, { typeBase: PROBLEM_TYPE_BASE });
}
