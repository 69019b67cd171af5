import { AppError } from '@course/platform/errors';
import { scaffold } from '@course/test-harness';
import { PrismaAuthorRepository } from '@target/authors/author.prisma-repository';
import { AuthorService } from '@target/authors/author.service';
import { PrismaBookRepository } from '@target/books/book.prisma-repository';
import { BookService } from '@target/books/book.service';
import { connectDatabase, type Database } from '@target/database';
import { PrismaClient } from '@target/generated/prisma/client';
import { useTestDatabase } from '@course/test-harness/postgres';
import { memoryLogger, MIGRATIONS, nextIsbn } from './support';

// Chapter 3's Bookstore, carried here unchanged, keeps its guarantees: the database decides uniqueness and
// foreign keys, whoever comes first, and LIKE wildcards in a search match only themselves. These tests call the
// services directly, so that they hold before any exercise of this chapter is done.

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
let database: Database<PrismaClient>;
let books: BookService;
let authors: AuthorService;

beforeAll(() => {
  database = connectDatabase({ url: db.url, poolSize: 10, logger: memoryLogger().logger, PrismaClient });
  books = new BookService(new PrismaBookRepository(database.prisma), memoryLogger().logger);
  authors = new AuthorService(new PrismaAuthorRepository(database.prisma));
});
afterAll(() => database.close());

/** The code of the AppError a promise rejects with, 'ok' when it resolves, or the error's message. */
async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

async function newAuthor(name = 'Ursula K. Le Guin'): Promise<string> {
  return (await authors.create({ name })).id;
}

function bookInput(authorId: string, fields: Record<string, unknown> = {}) {
  return { title: 'Tehanu', isbn: nextIsbn(), authorId, publishedYear: 1990, priceCents: 999, ...fields };
}

scaffold('the Bookstore of chapter 3: constraints under concurrency', () => {
  it('When 20 books with one ISBN are created at once, then exactly one is stored and the rest are BOOK_ISBN_TAKEN', async () => {
    const input = bookInput(await newAuthor());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => outcome(books.create(input))));
    expect(outcomes.sort()).toEqual([...Array(19).fill('BOOK_ISBN_TAKEN'), 'ok']);
  });

  it('When two books are given one new ISBN at once, then one change is stored and the other is BOOK_ISBN_TAKEN', async () => {
    const authorId = await newAuthor();
    const [first, second] = [
      await books.create(bookInput(authorId)),
      await books.create(bookInput(authorId)),
    ];
    const isbn = nextIsbn();
    const outcomes = await Promise.all([
      outcome(books.update(first.id, { isbn })),
      outcome(books.update(second.id, { isbn })),
    ]);
    expect(outcomes.sort()).toEqual(['BOOK_ISBN_TAKEN', 'ok']);
  });

  it('When a book is created while its author is deleted, then exactly one of the two wins, and neither fails', async () => {
    for (let round = 0; round < 5; round++) {
      const authorId = await newAuthor(`Author ${round}`);
      const pair = await Promise.all([
        outcome(books.create(bookInput(authorId))),
        outcome(authors.delete(authorId)),
      ]);
      expect([
        ['ok', 'AUTHOR_HAS_BOOKS'],
        ['VALIDATION_FAILED', 'ok'],
      ]).toContainEqual(pair);
    }
  });

  it('When books with the same new tag are created at once, then all of them are stored', async () => {
    const authorId = await newAuthor();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => outcome(books.create(bookInput(authorId, { tags: ['fresh-tag'] })))),
    );
    expect(outcomes).toEqual(Array(8).fill('ok'));
  });
});

scaffold('the Bookstore of chapter 3: searching', () => {
  it('When q contains % or _, then they match only themselves', async () => {
    const authorId = await newAuthor('Anon');
    const marker = `${process.pid}-${Date.now()}`;
    await books.create(bookInput(authorId, { title: `${marker} 100% Natural` }));
    await books.create(bookInput(authorId, { title: `${marker} Natural Selection` }));
    const titles = async (q: string) => (await books.list({ q, limit: 100 })).items.map((book) => book.title);
    expect(await titles(`${marker} 100%`)).toEqual([`${marker} 100% Natural`]);
    expect((await titles('%')).every((title) => title.includes('%'))).toBe(true);
    expect(await titles(`${marker}_`)).toEqual([]);
  });
});
