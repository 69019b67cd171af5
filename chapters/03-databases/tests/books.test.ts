import { exercise, scaffold } from '@course/test-harness';
import request from 'supertest';
import { isValidIsbn13 } from '@target/books/isbn';
import { createApp } from '@target/app';
import { connectDatabase } from '@target/database';
import {
  API,
  UUID,
  bookFields,
  countRows,
  createAuthor,
  createBook,
  expectProblem,
  memoryLogger,
  nextIsbn,
  pause,
  useBookstore,
  withWrongCheckDigit,
} from './support';

const { db, makeApp } = useBookstore();

const MISSING_ID = '9f4c2b1e-7d3a-4e5f-8a6b-1c2d3e4f5a6b';

scaffold('ISBN-13 check digits', () => {
  describe('isValidIsbn13()', () => {
    it('When ISBNs of real books are checked, then they are valid', () => {
      for (const isbn of ['9780441478125', '9780262033848', '9780131103627', '9791032300824']) {
        expect({ isbn, valid: isValidIsbn13(isbn) }).toEqual({ isbn, valid: true });
      }
    });

    it('When one digit is mistyped or two digits are swapped, then the ISBN is invalid', () => {
      for (const isbn of ['9780441478126', '9780441478135', '9780441487125', '9870441478125']) {
        expect({ isbn, valid: isValidIsbn13(isbn) }).toEqual({ isbn, valid: false });
      }
    });

    it('When the text is not 13 digits, then it is invalid', () => {
      for (const isbn of ['978044147812', '97804414781250', '978-0441478125', '978044147812X', '']) {
        expect({ isbn, valid: isValidIsbn13(isbn) }).toEqual({ isbn, valid: false });
      }
    });
  });
});

exercise('3.4', () => {
  describe('POST /api/v1/books', () => {
    it('When the book is valid, then it is created with an id and timestamps, and 201 says where it lives', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const fields = bookFields(author.id, {
        title: 'The Dispossessed',
        publishedYear: 1974,
        priceCents: 1550,
      });
      const res = await request(app).post(`${API}/books`).send(fields);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...fields,
        id: expect.stringMatching(UUID),
        author: { id: author.id, name: author.name },
        tags: [],
        reviewCount: 0,
        averageRating: null,
        createdAt: expect.any(String),
        updatedAt: res.body.createdAt,
      });
      expect(res.headers.location).toBe(`/api/v1/books/${res.body.id}`);
    });

    it('When the Location of a new book is followed, then it leads to that book', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const created = await request(app).post(`${API}/books`).send(bookFields(author.id));
      const fetched = await request(app).get(created.headers.location!);
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('When the book has tags, then they come back once each, in alphabetical order', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const res = await request(app)
        .post(`${API}/books`)
        .send(bookFields(author.id, { tags: ['science-fiction', 'anarchism', 'science-fiction'] }));
      expect(res.status).toBe(201);
      expect(res.body.tags).toEqual(['anarchism', 'science-fiction']);
      expect(await countRows(db, 'tags')).toBe(2);
    });

    it('When books with the same new tag are created at once, then every one is created and the tag is stored once', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          request(app)
            .post(`${API}/books`)
            .send(bookFields(author.id, { tags: ['new-wave', 'classic'] })),
        ),
      );
      expect(responses.map((res) => res.status)).toEqual(Array(8).fill(201));
      expect(await countRows(db, 'tags')).toBe(2);
      expect(await countRows(db, 'book_tags')).toBe(16);
    });

    it('When two books share a tag, then the tag is stored once', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      await createBook(app, author.id, { tags: ['fantasy', 'earthsea'] });
      const second = await createBook(app, author.id, { tags: ['fantasy'] });
      expect(second.tags).toEqual(['fantasy']);
      expect(await countRows(db, 'tags')).toBe(2);
      expect(await countRows(db, 'book_tags')).toBe(3);
    });

    it('When the ISBN has a wrong check digit, then the answer is a 422 problem about the ISBN and nothing is stored', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const isbn = withWrongCheckDigit(nextIsbn());
      const res = await request(app).post(`${API}/books`).send(bookFields(author.id, { isbn }));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.isbn', message: expect.any(String) }]);
      expect(await countRows(db, 'books')).toBe(0);
    });

    it('When a tag is not lowercase words joined by hyphens, then the answer is a 422 problem about that tag', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const res = await request(app)
        .post(`${API}/books`)
        .send(bookFields(author.id, { tags: ['fantasy', 'Science Fiction'] }));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      // tsoa names an array item by its index: "tags.$1" is the second tag.
      expect(res.body.errors).toEqual([
        { field: expect.stringMatching(/tags/), message: expect.any(String) },
      ]);
      expect(await countRows(db, 'books')).toBe(0);
    });

    it('When the ISBN has hyphens, then the answer is a 422 problem about the ISBN', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const res = await request(app)
        .post(`${API}/books`)
        .send(bookFields(author.id, { isbn: '978-0-441-47812-5' }));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.isbn', message: expect.any(String) }]);
    });

    it('When the price is not a whole number of cents, then the answer is a 422 problem about the price', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      for (const priceCents of [12.5, '1299', -1]) {
        const res = await request(app).post(`${API}/books`).send(bookFields(author.id, { priceCents }));
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field: 'body.priceCents', message: expect.any(String) }]);
      }
    });

    it('When several fields are missing, then the 422 problem names each of them', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/books`).send({ title: 'Untitled' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(['body.authorId', 'body.isbn', 'body.priceCents', 'body.publishedYear']);
    });
  });

  describe('GET /api/v1/books/{bookId}', () => {
    it('When the book exists, then it is returned', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app).get(`${API}/books/${book.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(book);
    });

    it('When no book has the id, then the answer is a 404 problem with code BOOK_NOT_FOUND', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books/${MISSING_ID}`);
      expectProblem(res, 404, 'BOOK_NOT_FOUND');
      expect(res.body.detail).toContain(MISSING_ID);
    });
  });

  describe('PATCH /api/v1/books/{bookId}', () => {
    it('When the price is patched, then only the price changes and the change is stored', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id, { priceCents: 1299 });
      await pause(5); // so that a timestamp that moves on cannot land in the same millisecond
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ priceCents: 999 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...book, priceCents: 999, updatedAt: expect.any(String) });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(book.updatedAt as string));
      expect((await request(app).get(`${API}/books/${book.id}`)).body).toEqual(res.body);
    });

    it('When several fields are patched at once, then all of them change', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const isbn = nextIsbn();
      const res = await request(app)
        .patch(`${API}/books/${book.id}`)
        .send({ title: 'New title', isbn, publishedYear: 2001 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'New title',
        isbn,
        publishedYear: 2001,
        priceCents: book.priceCents,
      });
    });

    it("When the patch repeats the book's own ISBN, then it is not a conflict", async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app)
        .patch(`${API}/books/${book.id}`)
        .send({ isbn: book.isbn, title: 'Same ISBN' });
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('Same ISBN');
    });

    it('When the new ISBN has a wrong check digit, then the answer is a 422 problem about the ISBN', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app)
        .patch(`${API}/books/${book.id}`)
        .send({ isbn: withWrongCheckDigit(nextIsbn()) });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.isbn', message: expect.any(String) }]);
    });

    it('When the patch sets a field that books do not have, then the answer is a 422 problem', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ id: MISSING_ID });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect((await request(app).get(`${API}/books/${book.id}`)).body.id).toBe(book.id);
    });

    it('When no book has the id, then the answer is a 404 problem with code BOOK_NOT_FOUND', async () => {
      const { app } = makeApp();
      const res = await request(app).patch(`${API}/books/${MISSING_ID}`).send({ priceCents: 100 });
      expectProblem(res, 404, 'BOOK_NOT_FOUND');
    });
  });

  describe('DELETE /api/v1/books/{bookId}', () => {
    it('When the book exists, then it is deleted with 204 and an empty body, and is gone afterwards', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app).delete(`${API}/books/${book.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectProblem(await request(app).get(`${API}/books/${book.id}`), 404, 'BOOK_NOT_FOUND');
    });

    it('When no book has the id, then the answer is a 404 problem with code BOOK_NOT_FOUND', async () => {
      const { app } = makeApp();
      expectProblem(await request(app).delete(`${API}/books/${MISSING_ID}`), 404, 'BOOK_NOT_FOUND');
    });

    it('When a book is deleted, then its ISBN is free for a new book', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      await request(app).delete(`${API}/books/${book.id}`);
      const res = await request(app)
        .post(`${API}/books`)
        .send(bookFields(author.id, { isbn: book.isbn }));
      expect(res.status).toBe(201);
    });
  });

  describe('PATCH /api/v1/books/{bookId} (tags)', () => {
    it('When tags are patched, then they replace all of the old ones', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id, { tags: ['fantasy', 'earthsea'] });
      const res = await request(app)
        .patch(`${API}/books/${book.id}`)
        .send({ tags: ['young-adult', 'fantasy'] });
      expect(res.status).toBe(200);
      expect(res.body.tags).toEqual(['fantasy', 'young-adult']);
      expect((await request(app).get(`${API}/books/${book.id}`)).body.tags).toEqual([
        'fantasy',
        'young-adult',
      ]);
    });

    it('When tags are patched to an empty list, then the book has none, and the patch leaves other fields alone', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id, { tags: ['fantasy'] });
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ tags: [] });
      expect(res.body).toEqual({ ...book, tags: [], updatedAt: expect.any(String) });
    });

    it('When other fields are patched, then the tags stay', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id, { tags: ['fantasy'] });
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ title: 'Tehanu' });
      expect(res.body).toMatchObject({ title: 'Tehanu', tags: ['fantasy'] });
    });
  });

  describe('ids and restarts', () => {
    it('When the id is not a UUID, then the answer is a 404 problem, not a database error', async () => {
      const { app } = makeApp();
      for (const res of [
        await request(app).get(`${API}/books/not-a-uuid`),
        await request(app).patch(`${API}/books/42`).send({ priceCents: 1 }),
        await request(app).delete(`${API}/books/${MISSING_ID}x`),
      ]) {
        expectProblem(res, 404, 'BOOK_NOT_FOUND');
      }
    });

    it('When a book with tags is deleted, then its links go with it and the tags stay for other books', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id, { tags: ['fantasy'] });
      await request(app).delete(`${API}/books/${book.id}`).expect(204);
      expect(await countRows(db, 'book_tags')).toBe(0);
      expect(await countRows(db, 'tags')).toBe(1);
    });

    it('When the app restarts with new connections to the same database, then the books are still there', async () => {
      const boot = () => {
        const database = connectDatabase({ url: db.url, poolSize: 2, logger: memoryLogger().logger });
        return { database, app: createApp({ database, logger: memoryLogger().logger }) };
      };
      const first = boot();
      const author = await createAuthor(first.app);
      const book = await createBook(first.app, author.id, { tags: ['fantasy'] });
      await first.database.close();

      const second = boot();
      try {
        const res = await request(second.app).get(`${API}/books/${book.id}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(book);
      } finally {
        await second.database.close();
      }
    });
  });
});
