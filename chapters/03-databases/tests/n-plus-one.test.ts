import { exercise } from '@course/test-harness';
import request from 'supertest';
import { createApp } from '@target/app';
import { connectDatabase, type Database } from '@target/database';
import { countQueries, type QueryCounter } from '@target/database';
import { API, insertBooks, memoryLogger, useBookstore, type BookSpec } from './support';

const { db } = useBookstore();

let database: Database;
let queries: QueryCounter;

beforeEach(() => {
  // A pool of the test's own, counted from its first connection on.
  database = connectDatabase({ url: db.url, poolSize: 2, logger: memoryLogger().logger });
  queries = countQueries(database.pool);
});
afterEach(() => database.close());

/** `count` books, each by an author of its own and with two tags, numbered from `first`. */
function books(count: number, first = 0): BookSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    title: `Book ${first + index}`,
    author: `Author ${first + index}`,
    tags: [`tag-${first + index}`, 'shared'],
  }));
}

/** How many queries one request costs. */
async function queriesFor(path: string): Promise<{ status: number; queries: number; body: unknown }> {
  const app = createApp({ database, logger: memoryLogger().logger });
  queries.reset();
  const res = await request(app).get(path);
  return { status: res.status, queries: queries.count, body: res.body };
}

exercise('3.6', () => {
  describe('GET /api/v1/books', () => {
    it('When the page holds more books, then listing them takes no more queries', async () => {
      await insertBooks(db, books(2));
      const few = await queriesFor(`${API}/books`);
      await insertBooks(db, books(18, 2));
      const many = await queriesFor(`${API}/books`);
      expect(many.body).toMatchObject({ page: { total: 20 } });
      expect({ few: few.queries, many: many.queries }).toEqual({ few: few.queries, many: few.queries });
      expect(few.queries).toBeGreaterThan(0);
    });

    it("When books are listed, then each one carries its author's id and name and its tags", async () => {
      const { authorIds } = await insertBooks(db, books(3));
      const { status, body } = await queriesFor(`${API}/books?sort=title`);
      expect(status).toBe(200);
      expect((body as { data: unknown[] }).data).toEqual(
        [0, 1, 2].map((n) =>
          expect.objectContaining({
            title: `Book ${n}`,
            author: { id: authorIds.get(`Author ${n}`), name: `Author ${n}` },
            tags: [`tag-${n}`, 'shared'].sort(),
          }),
        ),
      );
    });

    it('When a filter narrows the list, then the page and its total hold only the matches, for the same query count', async () => {
      await insertBooks(db, books(10));
      const all = await queriesFor(`${API}/books`);
      const some = await queriesFor(`${API}/books?tag=tag-3`);
      expect(some.body).toMatchObject({ data: [{ title: 'Book 3' }], page: { total: 1 } });
      expect(some.queries).toBe(all.queries);
    });
  });
});
