import { scaffold } from '@course/test-harness';
import { seed } from '@target/prisma/seed';
import { countRows, useBookstore } from './support';

const { db, database } = useBookstore();

async function tableSizes() {
  const sizes: Record<string, number> = {};
  for (const table of ['authors', 'books', 'tags', 'book_tags', 'reviews'])
    sizes[table] = await countRows(db, table);
  return sizes;
}

scaffold('the seed script', () => {
  it('When the database is seeded, then it holds dozens of authors and hundreds of books with tags and reviews', async () => {
    const added = await seed(database().prisma);
    expect(added).toMatchObject({ authors: 40, books: 300, tags: 20 });
    const sizes = await tableSizes();
    expect(sizes).toMatchObject({ authors: 40, books: 300, tags: 20 });
    expect(sizes.book_tags).toBeGreaterThanOrEqual(300);
    expect(sizes.reviews).toBeGreaterThan(300);
  }, 30_000);

  it("When the database is seeded, then every book's rating counters agree with its reviews", async () => {
    await seed(database().prisma, { authors: 5, books: 30 });
    const { rows } = await db.query(
      `SELECT b.id FROM books b
         LEFT JOIN (SELECT book_id, count(*)::int AS n, sum(rating)::int AS total FROM reviews GROUP BY book_id) r
           ON r.book_id = b.id
        WHERE b.review_count <> coalesce(r.n, 0) OR b.rating_sum <> coalesce(r.total, 0)`,
    );
    expect(rows).toEqual([]);
  });

  it('When the seed runs a second time, then it adds nothing and the data is unchanged', async () => {
    await seed(database().prisma, { authors: 5, books: 30 });
    const before = await db.query('SELECT id, title, isbn, author_id FROM books ORDER BY id');
    const again = await seed(database().prisma, { authors: 5, books: 30 });
    expect(again).toEqual({ authors: 0, books: 0, tags: 0, reviews: 0 });
    expect((await db.query('SELECT id, title, isbn, author_id FROM books ORDER BY id')).rows).toEqual(
      before.rows,
    );
  });
});
