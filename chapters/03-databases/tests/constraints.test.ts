import { exercise } from '@course/test-harness';
import { useBookstore } from './support';

const { db } = useBookstore();

const CHECK_VIOLATION = '23514';

async function insertAuthor(name = 'Ann Leckie'): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO authors (name) VALUES ($1) RETURNING id', [
    name,
  ]);
  return rows[0]!.id;
}

interface BookColumns {
  title: string;
  isbn: string;
  published_year: number;
  price_cents: number;
  review_count: number;
  rating_sum: number;
}

let isbnCounter = 0;

/** A valid book with an ISBN of its own: the database checks the ISBN's form, not its check digit. */
const validBook = (): BookColumns => ({
  title: 'Ancillary Justice',
  isbn: `978${String(isbnCounter++).padStart(10, '0')}`,
  published_year: 2013,
  price_cents: 1099,
  review_count: 2,
  rating_sum: 9,
});

/** Inserts a book by a new author: the valid book above, with `changes` applied. */
async function insertBook(changes: Partial<BookColumns> = {}): Promise<string> {
  const book = { ...validBook(), ...changes };
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO books (title, isbn, author_id, published_year, price_cents, review_count, rating_sum)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      book.title,
      book.isbn,
      await insertAuthor(),
      book.published_year,
      book.price_cents,
      book.review_count,
      book.rating_sum,
    ],
  );
  return rows[0]!.id;
}

async function insertReview(rating: number): Promise<void> {
  await db.query('INSERT INTO reviews (book_id, reviewer, rating) VALUES ($1, $2, $3)', [
    await insertBook(),
    'breq@radch.example',
    rating,
  ]);
}

async function insertTag(name: string): Promise<void> {
  await db.query('INSERT INTO tags (name) VALUES ($1)', [name]);
}

/** What PostgreSQL answers to a write: the SQLSTATE of its error, or 'stored'. */
async function outcome(write: Promise<unknown>): Promise<string> {
  return write.then(
    () => 'stored',
    (error: { code?: string }) => error.code ?? String(error),
  );
}

exercise('3.1', () => {
  describe('CHECK constraints', () => {
    it('When every value is valid, then the rows are stored', async () => {
      await expect(outcome(insertBook())).resolves.toBe('stored');
      await expect(outcome(insertReview(5))).resolves.toBe('stored');
      await expect(outcome(insertTag('science-fiction'))).resolves.toBe('stored');
    });

    it('When an author has a blank or overlong name, then PostgreSQL rejects the row', async () => {
      for (const name of ['', '   ', 'x'.repeat(201)]) {
        expect({ name, outcome: await outcome(insertAuthor(name)) }).toEqual({
          name,
          outcome: CHECK_VIOLATION,
        });
      }
    });

    it('When a book has a blank or overlong title, then PostgreSQL rejects the row', async () => {
      for (const title of ['', ' \t ', 'x'.repeat(301)]) {
        expect({ title, outcome: await outcome(insertBook({ title })) }).toEqual({
          title,
          outcome: CHECK_VIOLATION,
        });
      }
    });

    it('When a book has an ISBN that is not 13 digits starting with 978 or 979, then PostgreSQL rejects the row', async () => {
      for (const isbn of [
        '978-0316246620',
        '97803162466',
        '9770316246620',
        '978031624662X',
        ' 9780316246620',
      ]) {
        expect({ isbn, outcome: await outcome(insertBook({ isbn })) }).toEqual({
          isbn,
          outcome: CHECK_VIOLATION,
        });
      }
    });

    it('When a book is published before 1450 or after 2100, then PostgreSQL rejects the row, and both ends are allowed', async () => {
      expect(await outcome(insertBook({ published_year: 1449 }))).toBe(CHECK_VIOLATION);
      expect(await outcome(insertBook({ published_year: 2101 }))).toBe(CHECK_VIOLATION);
      expect(await outcome(insertBook({ published_year: 1450 }))).toBe('stored');
      expect(await outcome(insertBook({ published_year: 2100 }))).toBe('stored');
    });

    it('When a book has a negative price, then PostgreSQL rejects the row, and a free book is allowed', async () => {
      expect(await outcome(insertBook({ price_cents: -1 }))).toBe(CHECK_VIOLATION);
      expect(await outcome(insertBook({ price_cents: 0 }))).toBe('stored');
    });

    it("When a book's rating counters cannot come from ratings of 1 to 5, then PostgreSQL rejects the row", async () => {
      for (const [review_count, rating_sum] of [
        [1, 6],
        [2, 1],
        [0, 3],
        [-1, -1],
      ] as const) {
        expect({
          review_count,
          rating_sum,
          outcome: await outcome(insertBook({ review_count, rating_sum })),
        }).toEqual({ review_count, rating_sum, outcome: CHECK_VIOLATION });
      }
    });

    it('When a review rates a book below 1 or above 5, then PostgreSQL rejects the row', async () => {
      expect(await outcome(insertReview(0))).toBe(CHECK_VIOLATION);
      expect(await outcome(insertReview(6))).toBe(CHECK_VIOLATION);
      expect(await outcome(insertReview(1))).toBe('stored');
    });

    it('When a tag is not lowercase words joined by hyphens, or longer than 30 characters, then PostgreSQL rejects it', async () => {
      for (const name of [
        'Science-Fiction',
        'science fiction',
        'sci_fi',
        '-scifi',
        'scifi-',
        'a--b',
        'x'.repeat(31),
      ]) {
        expect({ name, outcome: await outcome(insertTag(name)) }).toEqual({ name, outcome: CHECK_VIOLATION });
      }
      for (const name of ['sf', 'hugo-award-2016', 'x'.repeat(30)]) {
        expect({ name, outcome: await outcome(insertTag(name)) }).toEqual({ name, outcome: 'stored' });
      }
    });
  });

  describe('the title search index', () => {
    it('When sequential scans are ruled out, then a case-insensitive search anywhere in the title is served by an index', async () => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        // With sequential scans priced out, the planner shows whether any index can answer the condition.
        await client.query('SET LOCAL enable_seqscan = off');
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          "EXPLAIN SELECT id FROM books WHERE title ILIKE '%darkness%'",
        );
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(plan).toMatch(/Index Cond: \(title ~~\* '%darkness%'::text\)/);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  });
});
