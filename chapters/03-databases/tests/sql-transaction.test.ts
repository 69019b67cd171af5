import { exercise } from '@course/test-harness';
import { Pool } from 'pg';
import request from 'supertest';
import { SqlBookRepository } from '@target/books/book.sql-repository';
import type { BookInput } from '@target/books/book.types';
import { API, bookFields, closeWithin, countRows, useBookstore } from './support';

const { db, database, makeApp } = useBookstore();

const MISSING_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

async function insertAuthor(name = 'N. K. Jemisin'): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO authors (name) VALUES ($1) RETURNING id', [
    name,
  ]);
  return rows[0]!.id;
}

function bookInput(authorId: string, fields: Partial<BookInput> = {}): BookInput {
  return bookFields(authorId, {
    title: 'The Fifth Season',
    publishedYear: 2015,
    ...fields,
  }) as unknown as BookInput;
}

/** A pool of one connection, so that every operation reuses the connection the one before it left behind. */
function singleConnectionPool(): Pool {
  const pool = new Pool({ connectionString: db.url, max: 1, connectionTimeoutMillis: 2_000 });
  pools.push(pool);
  return pool;
}

const pools: Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => closeWithin(() => pool.end())));
});

exercise('3.3', () => {
  describe('SqlBookRepository.create()', () => {
    it('When a book is created with tags, then the book, the new tags and the links are stored', async () => {
      const authorId = await insertAuthor();
      const book = await new SqlBookRepository(database().pool).create(
        bookInput(authorId, { tags: ['science-fiction', 'hugo-award'] }),
      );
      expect(book).toMatchObject({
        title: 'The Fifth Season',
        author: { id: authorId, name: 'N. K. Jemisin' },
        tags: ['hugo-award', 'science-fiction'],
        reviewCount: 0,
        averageRating: null,
      });
      expect(await countRows(db, 'books')).toBe(1);
      expect(await countRows(db, 'tags')).toBe(2);
      expect(await countRows(db, 'book_tags')).toBe(2);
    });

    it('When a tag exists already, then the new book links to it instead of creating it again', async () => {
      const authorId = await insertAuthor();
      const repository = new SqlBookRepository(database().pool);
      await repository.create(bookInput(authorId, { tags: ['fantasy'] }));
      const second = await repository.create(bookInput(authorId, { tags: ['fantasy', 'trilogy'] }));
      expect(second.tags).toEqual(['fantasy', 'trilogy']);
      expect(await countRows(db, 'tags')).toBe(2);
      expect(await countRows(db, 'book_tags')).toBe(3);
    });

    it('When a tag breaks the CHECK on tag names after the book is inserted, then nothing of the create remains', async () => {
      const authorId = await insertAuthor();
      const input = bookInput(authorId, { tags: ['science-fiction', 'Not A Valid Tag'] });
      await expect(new SqlBookRepository(database().pool).create(input)).rejects.toMatchObject({
        code: '23514',
      });
      const { rows } = await db.query('SELECT id FROM books WHERE isbn = $1', [input.isbn]);
      expect(rows).toEqual([]);
      expect(await countRows(db, 'tags')).toBe(0);
      expect(await countRows(db, 'book_tags')).toBe(0);
    });

    it('When a create has failed, then the next create on the same connection succeeds', async () => {
      const authorId = await insertAuthor();
      const repository = new SqlBookRepository(singleConnectionPool());
      await expect(repository.create(bookInput(authorId, { tags: ['Bad Tag'] }))).rejects.toBeDefined();
      const book = await repository.create(bookInput(authorId, { tags: ['good-tag'] }));
      expect(book.tags).toEqual(['good-tag']);
      expect(await countRows(db, 'books')).toBe(1);
    });

    it('When creates keep failing, then every one gives its connection back to the pool', async () => {
      const authorId = await insertAuthor();
      const pool = singleConnectionPool();
      const repository = new SqlBookRepository(pool);
      for (let attempt = 0; attempt < 3; attempt++) {
        await expect(repository.create(bookInput(authorId, { tags: ['Bad Tag'] }))).rejects.toMatchObject({
          code: '23514',
        });
      }
      expect({ total: pool.totalCount, idle: pool.idleCount }).toEqual({ total: 1, idle: 1 });
    });

    it('When the ISBN is taken, then create() throws BOOK_ISBN_TAKEN and keeps the first book', async () => {
      const authorId = await insertAuthor();
      const repository = new SqlBookRepository(database().pool);
      const first = await repository.create(bookInput(authorId));
      await expect(
        repository.create(bookInput(authorId, { isbn: first.isbn, tags: ['x'] })),
      ).rejects.toMatchObject({
        code: 'BOOK_ISBN_TAKEN',
        status: 409,
      });
      expect(await countRows(db, 'books')).toBe(1);
      expect(await countRows(db, 'tags')).toBe(0);
    });

    it('When no author has the authorId, then create() throws a validation error about authorId', async () => {
      const repository = new SqlBookRepository(database().pool);
      await expect(repository.create(bookInput(MISSING_ID))).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'body.authorId', message: expect.stringContaining(MISSING_ID) }],
      });
    });
  });

  describe('SqlBookRepository.update() and delete()', () => {
    it('When the tags of a book are replaced, then the old links go and the new ones come', async () => {
      const authorId = await insertAuthor();
      const repository = new SqlBookRepository(database().pool);
      const book = await repository.create(bookInput(authorId, { tags: ['fantasy', 'trilogy'] }));
      const updated = await repository.update(book.id, {
        title: 'The Obelisk Gate',
        tags: ['trilogy', 'award-winner'],
      });
      expect(updated).toMatchObject({ title: 'The Obelisk Gate', tags: ['award-winner', 'trilogy'] });
      expect(await countRows(db, 'book_tags')).toBe(2);
    });

    it('When replacing the tags fails half-way, then the book keeps its old title and tags', async () => {
      const authorId = await insertAuthor();
      const repository = new SqlBookRepository(database().pool);
      const book = await repository.create(bookInput(authorId, { tags: ['fantasy'] }));
      await expect(repository.update(book.id, { title: 'Renamed', tags: ['Bad Tag'] })).rejects.toMatchObject(
        {
          code: '23514',
        },
      );
      expect(await repository.findById(book.id)).toEqual(book);
    });

    it('When the book does not exist, then update() returns undefined and delete() returns false', async () => {
      const repository = new SqlBookRepository(database().pool);
      await expect(repository.update(MISSING_ID, { title: 'Nothing' })).resolves.toBeUndefined();
      await expect(repository.delete(MISSING_ID)).resolves.toBe(false);
    });

    it('When a book is deleted, then it is gone with its links, and its tags stay', async () => {
      const authorId = await insertAuthor();
      const repository = new SqlBookRepository(database().pool);
      const book = await repository.create(bookInput(authorId, { tags: ['fantasy'] }));
      await expect(repository.delete(book.id)).resolves.toBe(true);
      await expect(repository.findById(book.id)).resolves.toBeUndefined();
      expect({ links: await countRows(db, 'book_tags'), tags: await countRows(db, 'tags') }).toEqual({
        links: 0,
        tags: 1,
      });
    });
  });

  describe('POST /api/v1/books on the SQL repository', () => {
    it('When a book with tags is posted, then it is stored with its tags and can be read back', async () => {
      const authorId = await insertAuthor();
      const { app } = makeApp({ books: new SqlBookRepository(database().pool) });
      const created = await request(app)
        .post(`${API}/books`)
        .send(bookFields(authorId, { tags: ['fantasy', 'fantasy', 'award-winner'] }));
      expect(created.status).toBe(201);
      expect(created.body.tags).toEqual(['award-winner', 'fantasy']);
      const fetched = await request(app).get(created.headers.location!);
      expect(fetched.body).toEqual(created.body);
    });
  });
});
