import { exercise } from '@course/test-harness';
import request from 'supertest';
import { isValidIsbn13 } from '@target/books/isbn';
import {
  API,
  UUID,
  bookFields,
  createAuthor,
  createBook,
  expectProblem,
  freshRepositories,
  makeApp,
  nextIsbn,
  withWrongCheckDigit,
  requiredHeader,
} from './support';

const MISSING_ID = '9f4c2b1e-7d3a-4e5f-8a6b-1c2d3e4f5a6b';

exercise('2.3', () => {
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
        createdAt: expect.any(String),
        updatedAt: res.body.createdAt,
      });
      expect(res.headers.location).toBe(`/api/v1/books/${res.body.id}`);
    });

    it('When the Location of a new book is followed, then it leads to that book', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const created = await request(app).post(`${API}/books`).send(bookFields(author.id));
      const fetched = await request(app).get(
        requiredHeader(created, 'Location', 'where the new resource lives'),
      );
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);
    });

    it('When the ISBN has a wrong check digit, then the answer is a 422 problem about the ISBN and nothing is stored', async () => {
      const repositories = freshRepositories();
      const { app } = makeApp(repositories);
      const author = await createAuthor(app);
      const isbn = withWrongCheckDigit(nextIsbn());
      const res = await request(app).post(`${API}/books`).send(bookFields(author.id, { isbn }));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.isbn', message: expect.any(String) }]);
      expect(await repositories.books.countByAuthor(author.id)).toBe(0);
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

    it('When another book already has the ISBN, then the answer is a 409 problem with code BOOK_ISBN_TAKEN', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const first = await createBook(app, author.id);
      const res = await request(app)
        .post(`${API}/books`)
        .send(bookFields(author.id, { isbn: first.isbn, title: 'Copy' }));
      expectProblem(res, 409, 'BOOK_ISBN_TAKEN');
      expect(res.body.detail).toContain(first.isbn);
      expect((await request(app).get(`${API}/books/${first.id}`)).body).toEqual(first);
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
});

exercise('2.4', () => {
  describe('PATCH /api/v1/books/{bookId}', () => {
    it('When the price is patched, then only the price changes and the change is stored', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id, { priceCents: 1299 });
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ priceCents: 999 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...book, priceCents: 999, updatedAt: expect.any(String) });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(book.updatedAt as string));
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

    it('When the new ISBN belongs to another book, then the answer is a 409 problem and the book is unchanged', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const other = await createBook(app, author.id);
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ isbn: other.isbn });
      expectProblem(res, 409, 'BOOK_ISBN_TAKEN');
      expect((await request(app).get(`${API}/books/${book.id}`)).body).toEqual(book);
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

    it('When DELETE comes with Content-Length: 0 and no Content-Type, as many clients send it, then the book is deleted with 204', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app).delete(`${API}/books/${book.id}`).set('Content-Length', '0');
      expect(res.status).toBe(204);
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
});
