import { exercise } from '@course/test-harness';
import request from 'supertest';
import { API, bookFields, countRows, createAuthor, createBook, expectProblem, useBookstore } from './support';

const { db, makeApp } = useBookstore();

const MISSING_ID = '3e1d7c55-0a2b-4c8d-9e6f-7a8b9c0d1e2f';

exercise('3.7', () => {
  describe('POST /api/v1/books', () => {
    it('When no author has the authorId, then the answer is a 422 problem about authorId and nothing is stored', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/books`).send(bookFields(MISSING_ID));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        { field: 'body.authorId', message: expect.stringContaining(MISSING_ID) },
      ]);
      expect(await countRows(db, 'books')).toBe(0);
    });

    it('When the author was deleted, then a new book cannot name them', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      await request(app).delete(`${API}/authors/${author.id}`).expect(204);
      const res = await request(app).post(`${API}/books`).send(bookFields(author.id));
      expectProblem(res, 422, 'VALIDATION_FAILED');
    });
  });

  describe('PATCH /api/v1/books/{bookId}', () => {
    it('When the book moves to another existing author, then the change is stored', async () => {
      const { app } = makeApp();
      const first = await createAuthor(app, { name: 'First' });
      const second = await createAuthor(app, { name: 'Second' });
      const book = await createBook(app, first.id);
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ authorId: second.id });
      expect(res.status).toBe(200);
      expect(res.body.authorId).toBe(second.id);
    });

    it('When the book moves to an author that does not exist, then the answer is a 422 problem and the book is unchanged', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app).patch(`${API}/books/${book.id}`).send({ authorId: MISSING_ID });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.authorId', message: expect.any(String) }]);
      expect((await request(app).get(`${API}/books/${book.id}`)).body.authorId).toBe(author.id);
    });
  });

  describe('DELETE /api/v1/authors/{authorId}', () => {
    it('When the author still has books, then the answer is a 409 problem with code AUTHOR_HAS_BOOKS and nothing is deleted', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      const res = await request(app).delete(`${API}/authors/${author.id}`);
      // The foreign key books.author_id is ON DELETE RESTRICT: PostgreSQL refuses, and the answer says why.
      expectProblem(res, 409, 'AUTHOR_HAS_BOOKS');
      expect((await request(app).get(`${API}/authors/${author.id}`)).status).toBe(200);
      expect((await request(app).get(`${API}/books/${book.id}`)).status).toBe(200);
    });

    it("When the author's last book has moved to another author, then the author can be deleted", async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const other = await createAuthor(app, { name: 'Other' });
      const book = await createBook(app, author.id);
      await request(app).patch(`${API}/books/${book.id}`).send({ authorId: other.id }).expect(200);
      expect((await request(app).delete(`${API}/authors/${author.id}`)).status).toBe(204);
    });

    it("When the author's books have been deleted, then the author can be deleted", async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const book = await createBook(app, author.id);
      await request(app).delete(`${API}/books/${book.id}`).expect(204);
      expect((await request(app).delete(`${API}/authors/${author.id}`)).status).toBe(204);
    });
  });

  describe('unique indexes', () => {
    it('When another book already has the ISBN, then the answer is a 409 problem with code BOOK_ISBN_TAKEN', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const first = await createBook(app, author.id);
      const res = await request(app)
        .post(`${API}/books`)
        .send(bookFields(author.id, { isbn: first.isbn, title: 'Copy', tags: ['copy'] }));
      expectProblem(res, 409, 'BOOK_ISBN_TAKEN');
      expect(res.body.detail).toContain(first.isbn);
      expect((await request(app).get(`${API}/books/${first.id}`)).body).toEqual(first);
      expect(await countRows(db, 'tags')).toBe(0);
    });

    it('When two requests create books with the same ISBN at once, then one gets 201 and the other 409', async () => {
      const { app } = makeApp();
      const author = await createAuthor(app);
      const fields = bookFields(author.id);
      const answers = await Promise.all([
        request(app).post(`${API}/books`).send(fields),
        request(app).post(`${API}/books`).send(fields),
      ]);
      expect(answers.map((res) => res.status).sort()).toEqual([201, 409]);
      expect(await countRows(db, 'books')).toBe(1);
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
  });
});
