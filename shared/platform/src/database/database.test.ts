import path from 'node:path';
import { memoryLogger } from '@course/test-harness/logs';
import { useTestDatabase } from '@course/test-harness/postgres';
import type { PrismaPg } from '@prisma/adapter-pg';
import { toAppError } from '../errors';
import { PrismaClient } from '../../test/fixture/generated/prisma/client';
import {
  connectDatabase,
  countQueries,
  escapeLike,
  isRecordNotFound,
  parseUuid,
  pgConstraintViolation,
  prismaConstraintViolation,
  withTransaction,
  type Database,
} from '.';

const db = useTestDatabase({ migrationsDir: path.join(__dirname, '../../test/fixture/prisma/migrations') });

let database: Database<PrismaClient>;
beforeAll(() => {
  database = connectDatabase({ url: db.url, poolSize: 20, logger: memoryLogger().logger, PrismaClient });
  db.onClose(() => database.close());
});
beforeEach(() => db.query('DELETE FROM books; DELETE FROM authors'));

const MISSING = '0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61';

async function author(): Promise<string> {
  return (await database.prisma.author.create({ data: { name: 'Ursula K. Le Guin' } })).id;
}

/** How a write ended: 'stored', or the error it threw. */
function settle(write: Promise<unknown>): Promise<unknown> {
  return write.then(
    () => 'stored',
    (error: unknown) => error,
  );
}

describe('connectDatabase()', () => {
  it('When connected with the generated class, then Prisma runs its queries on the one pool', async () => {
    await author();
    expect(database.pool.totalCount).toBeGreaterThan(0);
    const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM authors');
    expect(rows[0]!.n).toBe(1);
  });

  it('When connected with a factory and closed, then the pool is ended and holds no connection', async () => {
    const own = connectDatabase({
      url: db.url,
      logger: memoryLogger().logger,
      PrismaClient: (adapter: PrismaPg) => new PrismaClient({ adapter }),
    });
    await own.prisma.author.count();
    await own.close();
    expect({ ended: own.pool.ended, connections: own.pool.totalCount }).toEqual({
      ended: true,
      connections: 0,
    });
  });
});

describe('withTransaction()', () => {
  it('When the work succeeds, then every statement is kept', async () => {
    await withTransaction(database.pool, async (client) => {
      await client.query("INSERT INTO authors (name) VALUES ('A')");
      await client.query("INSERT INTO authors (name) VALUES ('B')");
    });
    expect((await db.query('SELECT name FROM authors ORDER BY name')).rows).toEqual([
      { name: 'A' },
      { name: 'B' },
    ]);
  });

  it('When the work throws half-way, then nothing is kept, the error comes back, and the connection is returned', async () => {
    const failure = withTransaction(database.pool, async (client) => {
      await client.query("INSERT INTO authors (name) VALUES ('A')");
      throw new Error('half-way');
    });
    await expect(failure).rejects.toThrow('half-way');
    expect((await db.query('SELECT count(*)::int AS n FROM authors')).rows[0]).toEqual({ n: 0 });
    expect(database.pool.totalCount - database.pool.idleCount).toBe(0);
  });
});

describe('constraint violations', () => {
  it('When pg breaks a unique index or a foreign key, then pgConstraintViolation() names it', async () => {
    const authorId = await author();
    const insert = (isbn: string, id: string) =>
      db.query('INSERT INTO books (title, isbn, author_id, published_year) VALUES ($1, $2, $3, 2000)', [
        'T',
        isbn,
        id,
      ]);
    await insert('1', authorId);
    expect(pgConstraintViolation(await settle(insert('1', authorId)))).toEqual({
      kind: 'unique',
      constraint: 'books_isbn_key',
    });
    expect(pgConstraintViolation(await settle(insert('2', MISSING)))).toEqual({
      kind: 'foreign-key',
      constraint: 'books_author_id_fkey',
    });
    expect(pgConstraintViolation(await settle(db.query('SELECT * FROM nowhere')))).toBeUndefined();
  });

  it('When Prisma breaks a unique index or a foreign key, then prismaConstraintViolation() names it', async () => {
    const authorId = await author();
    const create = (isbn: string, id: string) =>
      database.prisma.book.create({ data: { title: 'T', isbn, authorId: id, publishedYear: 2000 } });
    await create('1', authorId);
    expect(prismaConstraintViolation(await settle(create('1', authorId)))).toEqual({
      kind: 'unique',
      constraint: 'books_isbn_key',
    });
    expect(prismaConstraintViolation(await settle(create('2', MISSING)))).toEqual({
      kind: 'foreign-key',
      constraint: 'books_author_id_fkey',
    });
    expect(
      prismaConstraintViolation(await settle(database.prisma.author.delete({ where: { id: authorId } }))),
    ).toEqual({
      kind: 'foreign-key',
      constraint: 'books_author_id_fkey',
    });
  });

  it('When 20 inserts race for one ISBN, then exactly one is stored and every other is a unique violation, never a raw error', async () => {
    const authorId = await author();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        settle(
          database.prisma.book.create({
            data: { title: 'T', isbn: '978-race', authorId, publishedYear: 2000 },
          }),
        ),
      ),
    );
    const stored = outcomes.filter((outcome) => outcome === 'stored');
    const violations = outcomes.map((outcome) =>
      outcome === 'stored' ? 'stored' : prismaConstraintViolation(outcome),
    );
    expect(stored).toHaveLength(1);
    expect(violations.filter((v) => v !== 'stored')).toEqual(
      Array.from({ length: 19 }, () => ({ kind: 'unique', constraint: 'books_isbn_key' })),
    );
  });

  it('When 20 raw SQL inserts race for one ISBN, then exactly one is stored and the others are unique violations', async () => {
    const authorId = await author();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        settle(
          db.pool.query(
            'INSERT INTO books (title, isbn, author_id, published_year) VALUES ($1, $2, $3, 2000)',
            ['T', '978-race', authorId],
          ),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'stored')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'stored').map(pgConstraintViolation)).toEqual(
      Array.from({ length: 19 }, () => ({ kind: 'unique', constraint: 'books_isbn_key' })),
    );
  });

  it('When Prisma updates a row that does not exist, then isRecordNotFound() says so; other errors are not that', async () => {
    const missing = await settle(
      database.prisma.author.update({ where: { id: MISSING }, data: { name: 'x' } }),
    );
    expect(isRecordNotFound(missing)).toBe(true);
    expect(isRecordNotFound(new Error('P2025'))).toBe(false);
    expect(prismaConstraintViolation(missing)).toBeUndefined();
  });
});

describe('client data the database refuses', () => {
  it('When Prisma or pg is given a NUL character or an out-of-range integer, then toAppError() makes it a 422', async () => {
    const authorId = await author();
    const refused = [
      await settle(database.prisma.author.create({ data: { name: 'Ur\u0000sula' } })),
      await settle(
        database.prisma.book.create({
          data: { title: 'T', isbn: 'x', authorId, publishedYear: 2_147_483_648 },
        }),
      ),
      await settle(database.prisma.author.findUnique({ where: { id: 'not-a-uuid' } })),
      await settle(db.query('INSERT INTO authors (name) VALUES ($1)', ['a\u0000'])),
    ];
    expect(refused.map((error) => toAppError(error).status)).toEqual([422, 422, 422, 422]);
    expect(refused.map((error) => toAppError(error).message).join()).not.toMatch(
      /UTF8|0x00|2147483648|not-a-uuid/,
    );
  });
});

describe('parseUuid()', () => {
  it('When an id is a UUID in any case, then it comes back in lower case; otherwise undefined', () => {
    expect(parseUuid('0B9AB1D4-3C55-4C2F-9A8E-0D7A3F6F2B61')).toBe(MISSING);
    expect(parseUuid(MISSING)).toBe(MISSING);
    for (const id of ['', 'abc', `${MISSING}x`, ` ${MISSING}`, MISSING.replace(/-/g, '')]) {
      expect({ id, parsed: parseUuid(id) }).toEqual({ id, parsed: undefined });
    }
  });
});

describe('countQueries()', () => {
  it('When Prisma and pg send statements through the pool, then each is counted, and reset() starts over', async () => {
    const counter = countQueries(database.pool);
    await database.prisma.author.findMany();
    await database.pool.query('SELECT 1');
    expect(counter.count).toBeGreaterThanOrEqual(2);
    counter.reset();
    await database.pool.query('SELECT 1');
    expect(counter.count).toBe(1);
  });
});

describe('escapeLike()', () => {
  it('When a search for "%" runs through ILIKE, then it matches only names that contain "%"', async () => {
    await db.query("INSERT INTO authors (name) VALUES ('100% Ursula'), ('Ursula'), ('under_score')");
    const search = async (text: string) =>
      (
        await db.query<{ name: string }>(
          "SELECT name FROM authors WHERE name ILIKE '%' || $1 || '%' ORDER BY name",
          [escapeLike(text)],
        )
      ).rows.map((row) => row.name);
    expect(await search('%')).toEqual(['100% Ursula']);
    expect(await search('_')).toEqual(['under_score']);
  });
});
