import { randomUUID } from 'node:crypto';
import { exercise } from '@course/test-harness';
import request from 'supertest';
import { SqlBookRepository } from '@target/books/book.sql-repository';
import type { BookListOptions } from '@target/books/book.repository';
import type { BookSortField } from '@target/books/book.types';
import { API, countRows, nextIsbn, useBookstore } from './support';

const { db, database, makeApp } = useBookstore();

async function insertAuthor(name: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO authors (name) VALUES ($1) RETURNING id', [
    name,
  ]);
  return rows[0]!.id;
}

async function insertBook(authorId: string, title: string, year: number, tags: string[] = []): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO books (title, isbn, author_id, published_year, price_cents)
     VALUES ($1, $2, $3, $4, 999) RETURNING id`,
    [title, nextIsbn(), authorId, year],
  );
  for (const tag of tags) {
    await db.query('INSERT INTO tags (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [tag]);
    await db.query('INSERT INTO book_tags (book_id, tag_id) SELECT $1, id FROM tags WHERE name = $2', [
      rows[0]!.id,
      tag,
    ]);
  }
}

/** Three books by two authors, straight into the tables. */
async function seedBooks() {
  const leGuin = await insertAuthor('Ursula K. Le Guin');
  const butler = await insertAuthor('Octavia E. Butler');
  await insertBook(leGuin, 'The Left Hand of Darkness', 1969, ['hugo-award', 'science-fiction']);
  await insertBook(butler, 'Kindred', 1979, ['science-fiction']);
  await insertBook(leGuin, 'A Wizard of Earthsea', 1968, ['fantasy']);
  return { leGuin, butler };
}

function list(options: Partial<BookListOptions> = {}) {
  const repository = new SqlBookRepository(database().pool);
  return repository.list({ sort: [{ field: 'title', direction: 'asc' }], limit: 20, offset: 0, ...options });
}

const titles = ({ items }: { items: { title: string }[] }) => items.map((book) => book.title);

exercise('3.2', () => {
  describe('SqlBookRepository.list(): values are parameters', () => {
    it('When q tries to close the quote and add OR 1=1, then it is searched for as text and matches nothing', async () => {
      await seedBooks();
      const page = await list({ q: "' OR 1=1 --" });
      expect({ total: page.total, titles: titles(page) }).toEqual({ total: 0, titles: [] });
    });

    it('When q carries a second statement that drops a table, then it matches nothing and the table is still there', async () => {
      await seedBooks();
      const page = await list({ q: "'; DROP TABLE book_tags; --" });
      expect(page.total).toBe(0);
      await expect(countRows(db, 'book_tags')).resolves.toBe(4);
    });

    it('When q contains the LIKE wildcards % or _, then they match only themselves', async () => {
      const author = await insertAuthor('Anon');
      await insertBook(author, '100% Natural', 2001);
      await insertBook(author, 'Naturally', 2002);
      expect(titles(await list({ q: '100%' }))).toEqual(['100% Natural']);
      expect(titles(await list({ q: '%' }))).toEqual(['100% Natural']);
      expect(titles(await list({ q: '_' }))).toEqual([]);
    });

    it('When q is given, then titles match case-insensitively anywhere in the title', async () => {
      await seedBooks();
      expect(titles(await list({ q: 'DARK' }))).toEqual(['The Left Hand of Darkness']);
      expect(titles(await list({ q: 'e' }))).toEqual([
        'A Wizard of Earthsea',
        'Kindred',
        'The Left Hand of Darkness',
      ]);
    });

    it('When filters are combined, then a book must match all of them, and total counts only those', async () => {
      const { leGuin } = await seedBooks();
      expect(titles(await list({ authorId: leGuin }))).toEqual([
        'A Wizard of Earthsea',
        'The Left Hand of Darkness',
      ]);
      expect(titles(await list({ tag: 'science-fiction', publishedFrom: 1970 }))).toEqual(['Kindred']);
      const page = await list({ authorId: leGuin, publishedTo: 1968, limit: 1 });
      expect({ total: page.total, titles: titles(page) }).toEqual({
        total: 1,
        titles: ['A Wizard of Earthsea'],
      });
    });
  });

  describe('SqlBookRepository.list(): identifiers come from an allow-list', () => {
    it('When sorted by an allowed field in either direction, then the books come in that order', async () => {
      await seedBooks();
      expect(titles(await list({ sort: [{ field: 'publishedYear', direction: 'desc' }] }))).toEqual([
        'Kindred',
        'The Left Hand of Darkness',
        'A Wizard of Earthsea',
      ]);
    });

    it('When books tie on every sort key, then the id breaks the tie, in ascending order, so pages never overlap', async () => {
      const author = await insertAuthor('Anon');
      // Inserted in descending order of id: without the tie-breaker, the ties would come out in this order.
      const ids = Array.from({ length: 8 }, () => randomUUID())
        .sort()
        .reverse();
      for (const id of ids) {
        await db.query(
          `INSERT INTO books (id, title, isbn, author_id, published_year, price_cents)
           VALUES ($1, 'Twins', $2, $3, 2000, 999)`,
          [id, nextIsbn(), author],
        );
      }
      const page = await list({ sort: [{ field: 'title', direction: 'asc' }] });
      expect(page.items.map((book) => book.id)).toEqual([...ids].sort());
    });

    it('When a sort field is not one of the allowed ones, then list() refuses it instead of putting it into the SQL', async () => {
      await seedBooks();
      for (const field of ['(SELECT 1)', 'b.isbn', 'constructor']) {
        const sort = [{ field: field as BookSortField, direction: 'asc' as const }];
        await expect(list({ sort })).rejects.toThrow(/cannot sort/);
      }
    });

    it('When the direction is anything but desc, then the books are sorted ascending and nothing else runs', async () => {
      await seedBooks();
      const direction = 'asc, (SELECT 1/0)' as 'asc';
      expect(titles(await list({ sort: [{ field: 'publishedYear', direction }] }))).toEqual([
        'A Wizard of Earthsea',
        'The Left Hand of Darkness',
        'Kindred',
      ]);
    });
  });

  describe('GET /api/v1/books on the SQL repository', () => {
    it('When the search comes through HTTP, then it is still only text', async () => {
      await seedBooks();
      const { app } = makeApp({ books: new SqlBookRepository(database().pool) });
      const res = await request(app).get(`${API}/books`).query({ q: "' OR '1'='1" });
      expect(res.status).toBe(200);
      expect(res.body.page.total).toBe(0);
    });

    it('When books are filtered, sorted and paged, then the page holds the right book with its author and tags', async () => {
      const { leGuin } = await seedBooks();
      const { app } = makeApp({ books: new SqlBookRepository(database().pool) });
      const res = await request(app)
        .get(`${API}/books`)
        .query({ tag: 'science-fiction', sort: '-publishedYear', limit: 1, offset: 1 });
      expect(res.status).toBe(200);
      expect(res.body.page).toEqual({ limit: 1, offset: 1, total: 2 });
      expect(res.body.data).toEqual([
        expect.objectContaining({
          title: 'The Left Hand of Darkness',
          author: { id: leGuin, name: 'Ursula K. Le Guin' },
          tags: ['hugo-award', 'science-fiction'],
          reviewCount: 0,
          averageRating: null,
        }),
      ]);
    });
  });
});
