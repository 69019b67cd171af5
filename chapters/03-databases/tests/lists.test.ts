import { randomUUID } from 'node:crypto';
import { exercise, scaffold } from '@course/test-harness';
import request from 'supertest';
import { bookOrderBy, bookWhere } from '@target/books/book.prisma-query';
import type { BookFilters } from '@target/books/book.repository';
import type { BookSortField } from '@target/books/book.types';
import type { SortKey } from '@course/platform/lists';
import { API, createAuthor, createBook, expectProblem, insertBooks, nextIsbn, useBookstore } from './support';

const { db, database, makeApp } = useBookstore();

interface Listed {
  title?: string;
  name?: string;
}

const titles = (body: { data: Listed[] }) => body.data.map((book) => book.title);

/** Five books by two authors, created in this order. */
async function seedBooks() {
  const { authorIds } = await insertBooks(db, [
    {
      author: 'Ursula K. Le Guin',
      title: 'A Wizard of Earthsea',
      publishedYear: 1968,
      priceCents: 999,
      tags: ['fantasy'],
    },
    {
      author: 'Ursula K. Le Guin',
      title: 'The Left Hand of Darkness',
      publishedYear: 1969,
      priceCents: 1299,
      tags: ['science-fiction', 'hugo-award'],
    },
    { author: 'Octavia E. Butler', title: 'Kindred', publishedYear: 1979, priceCents: 1499 },
    {
      author: 'Ursula K. Le Guin',
      title: 'The Dispossessed',
      publishedYear: 1974,
      priceCents: 1550,
      tags: ['science-fiction', 'hugo-award'],
    },
    {
      author: 'Octavia E. Butler',
      title: 'Parable of the Sower',
      publishedYear: 1993,
      priceCents: 1299,
      tags: ['science-fiction'],
    },
  ]);
  return {
    leGuin: { id: authorIds.get('Ursula K. Le Guin')! },
    butler: { id: authorIds.get('Octavia E. Butler')! },
  };
}

/**
 * The ids of `count` books that share one title and year, inserted in descending order of their ids, so that an
 * order that leaves ties to chance comes out different from one that breaks them by id.
 */
async function booksWithOneTitle(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID())
    .sort()
    .reverse();
  const author = await db.query<{ id: string }>("INSERT INTO authors (name) VALUES ('Anon') RETURNING id");
  await db.query(
    `INSERT INTO books (id, title, isbn, author_id, published_year, price_cents)
     SELECT id, 'Twins', isbn, $3, 2000, 999 FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS x(id, isbn, n)
      ORDER BY n`,
    [ids, ids.map(() => nextIsbn()), author.rows[0]!.id],
  );
  return ids;
}

/**
 * What bookWhere() and bookOrderBy() select, asked of Prisma directly. (GET /books goes through list(), which is
 * exercise 3.6.)
 */
async function select(
  filters: BookFilters,
  sort: SortKey<BookSortField>[] = [{ field: 'createdAt', direction: 'asc' }],
  page: { skip?: number; take?: number } = {},
): Promise<{ id: string; title: string }[]> {
  return database().prisma.book.findMany({
    where: bookWhere(filters),
    orderBy: bookOrderBy(sort),
    select: { id: true, title: true },
    ...page,
  });
}

async function selectTitles(filters: BookFilters, sort?: SortKey<BookSortField>[]): Promise<string[]> {
  return (await select(filters, sort)).map((book) => book.title);
}

const by = (field: BookSortField, direction: 'asc' | 'desc' = 'asc') => ({ field, direction });

exercise('3.5', () => {
  describe('bookWhere()', () => {
    it('When there are no filters, then every book is selected', async () => {
      await seedBooks();
      expect(await selectTitles({})).toHaveLength(5);
    });

    it("When filtered by author, then only that author's books are selected", async () => {
      const { butler } = await seedBooks();
      expect(await selectTitles({ authorId: butler.id })).toEqual(['Kindred', 'Parable of the Sower']);
    });

    it('When searched with q, then titles match case-insensitively anywhere in the title', async () => {
      await seedBooks();
      expect(await selectTitles({ q: 'THE' })).toEqual([
        'The Left Hand of Darkness',
        'The Dispossessed',
        'Parable of the Sower',
      ]);
    });

    it('When filtered by a year range, then both ends are included', async () => {
      await seedBooks();
      expect(await selectTitles({ publishedFrom: 1969, publishedTo: 1979 })).toEqual([
        'The Left Hand of Darkness',
        'Kindred',
        'The Dispossessed',
      ]);
      expect(await selectTitles({ publishedFrom: 1979 })).toEqual(['Kindred', 'Parable of the Sower']);
    });

    it('When filtered by tag, then only books with that tag are selected', async () => {
      await seedBooks();
      expect(await selectTitles({ tag: 'hugo-award' })).toEqual([
        'The Left Hand of Darkness',
        'The Dispossessed',
      ]);
    });

    it('When q contains % or _, then they match only themselves, not any text', async () => {
      await insertBooks(db, [
        { title: '100% Natural', author: 'Anon' },
        { title: 'Natural Selection', author: 'Anon' },
      ]);
      expect(await selectTitles({ q: '%' })).toEqual(['100% Natural']);
      expect(await selectTitles({ q: '_' })).toEqual([]);
      expect(await selectTitles({ q: '0%' })).toEqual(['100% Natural']);
    });

    it('When filters are combined, then a book must match all of them', async () => {
      const { leGuin } = await seedBooks();
      expect(await selectTitles({ authorId: leGuin.id, q: 'the', publishedFrom: 1970 })).toEqual([
        'The Dispossessed',
      ]);
    });
  });

  describe('bookOrderBy()', () => {
    it('When sorted by title, then the books come in alphabetical order', async () => {
      await seedBooks();
      expect(await selectTitles({}, [by('title')])).toEqual([
        'A Wizard of Earthsea',
        'Kindred',
        'Parable of the Sower',
        'The Dispossessed',
        'The Left Hand of Darkness',
      ]);
    });

    it('When sorted by publishedYear descending, then the newest book comes first', async () => {
      await seedBooks();
      expect(await selectTitles({}, [by('publishedYear', 'desc')])).toEqual([
        'Parable of the Sower',
        'Kindred',
        'The Dispossessed',
        'The Left Hand of Darkness',
        'A Wizard of Earthsea',
      ]);
    });

    it('When sorted by two fields, then the second one breaks ties of the first', async () => {
      await seedBooks();
      expect(await selectTitles({}, [by('priceCents'), by('title', 'desc')])).toEqual([
        'A Wizard of Earthsea',
        'The Left Hand of Darkness',
        'Parable of the Sower',
        'Kindred',
        'The Dispossessed',
      ]);
    });

    it('When books tie on every sort key, then the id breaks the tie, in ascending order', async () => {
      const ids = await booksWithOneTitle(8);
      const sorted = [...ids].sort();
      expect((await select({}, [by('title')])).map((book) => book.id)).toEqual(sorted);
    });

    it('When books that tie are cut into pages with skip and take, then every book is on exactly one page', async () => {
      const ids = await booksWithOneTitle(8);
      const seen: string[] = [];
      for (let skip = 0; skip < ids.length; skip += 3) {
        seen.push(...(await select({}, [by('title')], { skip, take: 3 })).map((book) => book.id));
      }
      expect(seen).toEqual([...ids].sort());
    });
  });
});

exercise('3.6', () => {
  describe('GET /api/v1/books (pagination)', () => {
    it('When there are no books, then the answer is 200 with an empty page', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: [],
        page: { limit: 20, offset: 0, total: 0 },
        links: { self: '/api/v1/books?limit=20&offset=0' },
      });
    });

    it('When no page is asked for, then the first 20 books come, oldest first', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books`);
      expect(res.status).toBe(200);
      expect(titles(res.body)).toEqual([
        'A Wizard of Earthsea',
        'The Left Hand of Darkness',
        'Kindred',
        'The Dispossessed',
        'Parable of the Sower',
      ]);
      expect(res.body.page).toEqual({ limit: 20, offset: 0, total: 5 });
    });

    it('When a middle page is asked for, then it holds the right books and links to both neighbours', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?limit=2&offset=2`);
      expect(titles(res.body)).toEqual(['Kindred', 'The Dispossessed']);
      expect(res.body.page).toEqual({ limit: 2, offset: 2, total: 5 });
      expect(res.body.links).toEqual({
        self: '/api/v1/books?limit=2&offset=2',
        next: '/api/v1/books?limit=2&offset=4',
        prev: '/api/v1/books?limit=2&offset=0',
      });
    });

    it('When the last page is asked for, then it has no next link', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?limit=2&offset=4`);
      expect(titles(res.body)).toEqual(['Parable of the Sower']);
      expect(res.body.links).not.toHaveProperty('next');
      expect(res.body.links.prev).toBe('/api/v1/books?limit=2&offset=2');
    });

    it('When the offset is not a multiple of the limit, then prev never goes below 0', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?limit=3&offset=1`);
      expect(titles(res.body)).toEqual(['The Left Hand of Darkness', 'Kindred', 'The Dispossessed']);
      expect(res.body.links.prev).toBe('/api/v1/books?limit=3&offset=0');
    });

    it('When the next links are followed, then every book is seen exactly once', async () => {
      const { app } = makeApp();
      await seedBooks();
      const seen: string[] = [];
      let next: string | undefined = `${API}/books?limit=2`;
      while (next) {
        const res = await request(app).get(next);
        seen.push(...titles(res.body).map(String));
        next = res.body.links.next;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it('When the offset is past the end, then the answer is 200 with no books and the real total', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?offset=50`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.body.page.total).toBe(5);
    });

    it('When limit or offset is out of bounds, then the answer is a 422 problem about that parameter', async () => {
      const { app } = makeApp();
      for (const [query, field] of [
        ['limit=0', 'query.limit'],
        ['limit=101', 'query.limit'],
        ['limit=2.5', 'query.limit'],
        ['limit=ten', 'query.limit'],
        ['offset=-1', 'query.offset'],
      ]) {
        const res = await request(app).get(`${API}/books?${query}`);
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect({ query, fields: res.body.errors.map((e: { field: string }) => e.field) }).toEqual({
          query,
          fields: [field],
        });
      }
    });

    it('When limit is 100, then it is allowed', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books?limit=100`);
      expect(res.status).toBe(200);
      expect(res.body.page.limit).toBe(100);
    });
  });

  describe('GET /api/v1/books (filters)', () => {
    it("When filtered by author, then only that author's books come, and total counts only them", async () => {
      const { app } = makeApp();
      const { butler } = await seedBooks();
      const res = await request(app).get(`${API}/books?authorId=${butler.id}`);
      expect(titles(res.body)).toEqual(['Kindred', 'Parable of the Sower']);
      expect(res.body.page.total).toBe(2);
    });

    it('When searched with q, then titles match case-insensitively anywhere in the title', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?q=THE`);
      expect(titles(res.body)).toEqual([
        'The Left Hand of Darkness',
        'The Dispossessed',
        'Parable of the Sower',
      ]);
    });

    it('When filtered by a year range, then both ends are included', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?publishedFrom=1969&publishedTo=1979`);
      expect(titles(res.body)).toEqual(['The Left Hand of Darkness', 'Kindred', 'The Dispossessed']);
    });

    it('When filtered by tag, then only books with that tag come', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?tag=hugo-award`);
      expect(titles(res.body)).toEqual(['The Left Hand of Darkness', 'The Dispossessed']);
      expect(res.body.page.total).toBe(2);
    });

    it('When q contains % or _, then they match only themselves, not any text', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      await createBook(app, author.id, { title: '100% Natural' });
      await createBook(app, author.id, { title: 'Natural Selection' });
      expect(titles((await request(app).get(`${API}/books`).query({ q: '%' })).body)).toEqual([
        '100% Natural',
      ]);
      expect(titles((await request(app).get(`${API}/books`).query({ q: '_' })).body)).toEqual([]);
    });

    it('When filters are combined, then a book must match all of them', async () => {
      const { app } = makeApp();
      const { leGuin } = await seedBooks();
      const res = await request(app).get(`${API}/books?authorId=${leGuin.id}&q=the&publishedFrom=1970`);
      expect(titles(res.body)).toEqual(['The Dispossessed']);
      expect(res.body.page.total).toBe(1);
    });

    it('When nothing matches, then the answer is 200 with an empty page', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?q=dune`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.body.page.total).toBe(0);
    });

    it('When the year range is upside down, then the answer is a 422 problem', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books?publishedFrom=2000&publishedTo=1990`);
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe('query.publishedFrom');
    });

    it('When a filtered page links onwards, then its links keep the filters', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?q=the&limit=1&sort=title`);
      const next = new URL(res.body.links.next, 'http://localhost');
      expect(Object.fromEntries(next.searchParams)).toEqual({
        q: 'the',
        sort: 'title',
        limit: '1',
        offset: '1',
      });
      const following = await request(app).get(res.body.links.next);
      expect(titles(following.body)).toEqual(['The Dispossessed']);
    });

    it('When a parameter the API does not know is sent, then the answer is a 422 problem', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books?author=Le%20Guin`);
      expectProblem(res, 422, 'VALIDATION_FAILED');
    });
  });

  describe('GET /api/v1/books (sorting)', () => {
    it('When sorted by title, then the books come in alphabetical order', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?sort=title`);
      expect(titles(res.body)).toEqual([
        'A Wizard of Earthsea',
        'Kindred',
        'Parable of the Sower',
        'The Dispossessed',
        'The Left Hand of Darkness',
      ]);
    });

    it('When sorted by -publishedYear, then the newest book comes first', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?sort=-publishedYear`);
      expect(res.body.data.map((book: { publishedYear: number }) => book.publishedYear)).toEqual([
        1993, 1979, 1974, 1969, 1968,
      ]);
    });

    it('When sorted by two fields, then the second one breaks ties of the first', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?sort=priceCents,-title`);
      expect(titles(res.body)).toEqual([
        'A Wizard of Earthsea',
        'The Left Hand of Darkness',
        'Parable of the Sower',
        'Kindred',
        'The Dispossessed',
      ]);
    });

    it('When sorted and paginated, then the page is cut from the sorted list', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/books?sort=-publishedYear&limit=2&offset=1`);
      expect(titles(res.body)).toEqual(['Kindred', 'The Dispossessed']);
    });

    it('When sorted by a field that is not allowed, then the answer is a 422 problem about sort', async () => {
      const { app } = makeApp();
      await seedBooks();
      for (const sort of ['isbn', '-authorId', 'title,secret', 'constructor', '']) {
        const res = await request(app).get(`${API}/books?sort=${sort}`);
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect({ sort, errors: res.body.errors }).toEqual({
          sort,
          errors: [{ field: 'query.sort', message: expect.any(String) }],
        });
      }
    });
  });
});

scaffold('listing authors', () => {
  describe('GET /api/v1/authors', () => {
    it('When authors are listed, then they come oldest first in a page', async () => {
      const { app } = makeApp();
      await seedBooks();
      const res = await request(app).get(`${API}/authors`);
      expect(res.status).toBe(200);
      expect(res.body.data.map((a: Listed) => a.name)).toEqual(['Ursula K. Le Guin', 'Octavia E. Butler']);
      expect(res.body.page).toEqual({ limit: 20, offset: 0, total: 2 });
    });

    it('When authors are sorted by name and paginated, then the page is cut from the sorted list', async () => {
      const { app } = makeApp();
      for (const name of ['Iain M. Banks', 'Ann Leckie', 'Ted Chiang', 'Becky Chambers']) {
        await createAuthor(app, { name });
      }
      const res = await request(app).get(`${API}/authors?sort=name&limit=2&offset=1`);
      expect(res.body.data.map((a: Listed) => a.name)).toEqual(['Becky Chambers', 'Iain M. Banks']);
      expect(res.body.links.next).toBe('/api/v1/authors?sort=name&limit=2&offset=3');
    });

    it('When authors are searched with q, then names match case-insensitively', async () => {
      const { app } = makeApp();
      for (const name of ['Iain M. Banks', 'Ann Leckie', 'Ted Chiang']) await createAuthor(app, { name });
      const res = await request(app).get(`${API}/authors?q=an`);
      expect(res.body.data.map((a: Listed) => a.name)).toEqual(['Iain M. Banks', 'Ann Leckie', 'Ted Chiang']);
      const none = await request(app).get(`${API}/authors?q=zz`);
      expect(none.body).toMatchObject({ data: [], page: { total: 0 } });
    });

    it('When authors are sorted by a field that is not allowed, then the answer is a 422 problem', async () => {
      const { app } = makeApp();
      expectProblem(await request(app).get(`${API}/authors?sort=bio`), 422, 'VALIDATION_FAILED');
    });
  });
});
