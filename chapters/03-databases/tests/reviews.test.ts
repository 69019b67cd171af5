import { exercise, scaffold } from '@course/test-harness';
import request from 'supertest';
import { API, UUID, countRows, expectProblem, insertBooks, useBookstore } from './support';

const { db, makeApp } = useBookstore();

const MISSING_ID = '0f8e1b5a-3c2d-4e6f-8a9b-1c2d3e4f5a6b';

async function insertBook(title = 'The Fifth Season'): Promise<string> {
  const { bookIds } = await insertBooks(db, [{ title, author: 'N. K. Jemisin' }]);
  return bookIds.get(title)!;
}

/** The book's rating counters, straight from its row. */
async function counters(bookId: string): Promise<{ review_count: number; rating_sum: number }> {
  const { rows } = await db.query<{ review_count: number; rating_sum: number }>(
    'SELECT review_count, rating_sum FROM books WHERE id = $1',
    [bookId],
  );
  return rows[0]!;
}

const review = (reviewer: string, rating: number, body?: string) => ({
  reviewer,
  rating,
  ...(body && { body }),
});

exercise('3.8', () => {
  describe('POST /api/v1/books/{bookId}/reviews', () => {
    it('When a book is reviewed, then the review is created, 201 says where it lives, and it can be read back', async () => {
      const { app } = makeApp();
      const bookId = await insertBook();
      const res = await request(app)
        .post(`${API}/books/${bookId}/reviews`)
        .send(review('essun@yumenes.example', 5, 'Unforgettable.'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        bookId,
        reviewer: 'essun@yumenes.example',
        rating: 5,
        body: 'Unforgettable.',
        createdAt: expect.any(String),
      });
      expect(res.headers.location).toBe(`/api/v1/books/${bookId}/reviews/${res.body.id}`);
      expect((await request(app).get(res.headers.location!)).body).toEqual(res.body);
    });

    it("When reviews are added, then the book's counters add up every rating", async () => {
      const { app } = makeApp();
      const bookId = await insertBook();
      for (const [reviewer, rating] of [
        ['a@example.com', 5],
        ['b@example.com', 4],
        ['c@example.com', 4],
      ] as const) {
        await request(app).post(`${API}/books/${bookId}/reviews`).send(review(reviewer, rating)).expect(201);
      }
      expect(await counters(bookId)).toEqual({ review_count: 3, rating_sum: 13 });
      const book = await request(app).get(`${API}/books/${bookId}`);
      expect(book.body).toMatchObject({ reviewCount: 3, averageRating: 4.33 });
    });

    it('When many reviews of one book arrive at once, then none is lost from the counters', async () => {
      const { app } = makeApp();
      const bookId = await insertBook();
      const ratings = [5, 4, 3, 5, 1, 2, 5, 4, 3, 5];
      const answers = await Promise.all(
        ratings.map((rating, n) =>
          request(app)
            .post(`${API}/books/${bookId}/reviews`)
            .send(review(`reader${n}@example.com`, rating)),
        ),
      );
      expect(answers.map((res) => res.status)).toEqual(ratings.map(() => 201));
      expect(await counters(bookId)).toEqual({ review_count: 10, rating_sum: 37 });
    });

    it("When the reviewer has already reviewed the book, then the second review fails and the book's counters are as before", async () => {
      const { app } = makeApp();
      const bookId = await insertBook();
      await request(app)
        .post(`${API}/books/${bookId}/reviews`)
        .send(review('twice@example.com', 5))
        .expect(201);
      const res = await request(app)
        .post(`${API}/books/${bookId}/reviews`)
        .send(review('twice@example.com', 1));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await counters(bookId)).toEqual({ review_count: 1, rating_sum: 5 });
      expect(await countRows(db, 'reviews')).toBe(1);
    });

    it('When the reviewer has already reviewed the book, then the answer is a 409 problem with code REVIEW_EXISTS', async () => {
      const { app } = makeApp();
      const bookId = await insertBook();
      await request(app)
        .post(`${API}/books/${bookId}/reviews`)
        .send(review('twice@example.com', 5))
        .expect(201);
      const res = await request(app)
        .post(`${API}/books/${bookId}/reviews`)
        .send(review('twice@example.com', 1));
      expectProblem(res, 409, 'REVIEW_EXISTS');
      expect(res.body.detail).toContain('twice@example.com');
    });

    it('When the same reviewer reviews two different books, then both reviews are kept', async () => {
      const { app } = makeApp();
      const first = await insertBook('The Fifth Season');
      const second = await insertBook('The Obelisk Gate');
      for (const bookId of [first, second]) {
        await request(app)
          .post(`${API}/books/${bookId}/reviews`)
          .send(review('fan@example.com', 5))
          .expect(201);
      }
      expect(await countRows(db, 'reviews')).toBe(2);
    });

    it('When no book has the id, then the answer is a 404 problem with code BOOK_NOT_FOUND and nothing is stored', async () => {
      const { app } = makeApp();
      for (const id of [MISSING_ID, 'not-a-uuid']) {
        const res = await request(app).post(`${API}/books/${id}/reviews`).send(review('x@example.com', 3));
        expectProblem(res, 404, 'BOOK_NOT_FOUND');
      }
      expect(await countRows(db, 'reviews')).toBe(0);
    });
  });
});

scaffold('reading and validating reviews', () => {
  async function insertReviews(bookId: string, count: number): Promise<void> {
    // Created one minute apart, the last one newest.
    await db.query(
      `INSERT INTO reviews (book_id, reviewer, rating, created_at)
       SELECT $1, 'reader' || n || '@example.com', 1 + n % 5, timestamptz '2024-01-01' + n * interval '1 minute'
         FROM generate_series(1, $2::int) AS n`,
      [bookId, count],
    );
  }

  it('When the rating is not a whole number from 1 to 5, then the answer is a 422 problem about the rating', async () => {
    const { app } = makeApp();
    const bookId = await insertBook();
    for (const rating of [0, 6, 4.5, '5']) {
      const res = await request(app)
        .post(`${API}/books/${bookId}/reviews`)
        .send({ reviewer: 'x@example.com', rating });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect({ rating, errors: res.body.errors }).toEqual({
        rating,
        errors: [{ field: 'body.rating', message: expect.any(String) }],
      });
    }
  });

  it("When a book's reviews are listed, then they come newest first, a page at a time", async () => {
    const { app } = makeApp();
    const bookId = await insertBook();
    await insertReviews(bookId, 5);
    const res = await request(app).get(`${API}/books/${bookId}/reviews?limit=2&offset=1`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((r: { reviewer: string }) => r.reviewer)).toEqual([
      'reader4@example.com',
      'reader3@example.com',
    ]);
    expect(res.body.page).toEqual({ limit: 2, offset: 1, total: 5 });
    expect(res.body.links.next).toBe(`/api/v1/books/${bookId}/reviews?limit=2&offset=3`);
  });

  it('When the book has no reviews, then the list is empty; when there is no such book, then it is a 404 problem', async () => {
    const { app } = makeApp();
    const bookId = await insertBook();
    const empty = await request(app).get(`${API}/books/${bookId}/reviews`);
    expect(empty.body).toMatchObject({ data: [], page: { total: 0 } });
    expectProblem(await request(app).get(`${API}/books/${MISSING_ID}/reviews`), 404, 'BOOK_NOT_FOUND');
  });

  it('When a review is asked for under another book or with an unknown id, then the answer is a 404 problem', async () => {
    const { app } = makeApp();
    const bookId = await insertBook('The Fifth Season');
    const otherId = await insertBook('The Stone Sky');
    await insertReviews(bookId, 1);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM reviews');
    const reviewId = rows[0]!.id;
    expect((await request(app).get(`${API}/books/${bookId}/reviews/${reviewId}`)).status).toBe(200);
    for (const path of [
      `${otherId}/reviews/${reviewId}`,
      `${bookId}/reviews/${MISSING_ID}`,
      `${bookId}/reviews/x`,
    ]) {
      expectProblem(await request(app).get(`${API}/books/${path}`), 404, 'REVIEW_NOT_FOUND');
    }
  });

  it('When a book is deleted, then its reviews go with it', async () => {
    const bookId = await insertBook();
    await insertReviews(bookId, 3);
    await db.query('DELETE FROM books WHERE id = $1', [bookId]);
    expect(await countRows(db, 'reviews')).toBe(0);
  });
});
