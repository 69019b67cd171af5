import { exercise } from '@course/test-harness';
import request from 'supertest';
import {
  API,
  bearer,
  createUser,
  expectProblem,
  nextIsbn,
  PASSWORD,
  type TestUser,
  uniqueEmail,
  UNLIMITED_LOGINS,
  useBookstore,
} from './support';

exercise('4.6', () => {
  const store = useBookstore({ overrides: { loginThrottle: UNLIMITED_LOGINS } });
  const as = (user: TestUser) => ({
    get: (path: string) =>
      request(store.app).get(`${API}${path}`).set('Authorization', bearer(user.accessToken)),
    post: (path: string, body: object) =>
      request(store.app).post(`${API}${path}`).set('Authorization', bearer(user.accessToken)).send(body),
    patch: (path: string, body: object) =>
      request(store.app).patch(`${API}${path}`).set('Authorization', bearer(user.accessToken)).send(body),
    put: (path: string, body: object) =>
      request(store.app).put(`${API}${path}`).set('Authorization', bearer(user.accessToken)).send(body),
    delete: (path: string) =>
      request(store.app).delete(`${API}${path}`).set('Authorization', bearer(user.accessToken)),
  });

  async function createBook(editor: TestUser, title = 'The Dispossessed'): Promise<string> {
    const author = await as(editor).post('/authors', { name: 'Ursula K. Le Guin' });
    const book = await as(editor).post('/books', {
      title,
      isbn: nextIsbn(),
      authorId: author.body.id,
      publishedYear: 1974,
      priceCents: 1550,
    });
    if (book.status !== 201) throw new Error(`creating a book failed: ${book.status} ${book.text}`);
    return book.body.id as string;
  }

  describe('the catalogue', () => {
    it('When a reader reads books, then that works; creating or deleting one is 403 PERMISSION_DENIED', async () => {
      const [reader, editor] = [await createUser(store, ['reader']), await createUser(store, ['editor'])];
      const bookId = await createBook(editor);
      expect((await as(reader).get(`/books/${bookId}`)).status).toBe(200);
      expectProblem(
        await as(reader).post('/authors', { name: 'Octavia E. Butler' }),
        403,
        'PERMISSION_DENIED',
      );
      expectProblem(await as(reader).delete(`/books/${bookId}`), 403, 'PERMISSION_DENIED');
      expect((await as(reader).get(`/books/${bookId}`)).status).toBe(200);
    });

    it('When an editor creates and updates a book, then that works; deleting it is 403', async () => {
      const editor = await createUser(store, ['editor']);
      const bookId = await createBook(editor);
      expect((await as(editor).patch(`/books/${bookId}`, { priceCents: 999 })).body.priceCents).toBe(999);
      expectProblem(await as(editor).delete(`/books/${bookId}`), 403, 'PERMISSION_DENIED');
    });

    it('When an admin deletes a book, then it is gone', async () => {
      const [editor, admin] = [await createUser(store, ['editor']), await createUser(store, ['admin'])];
      const bookId = await createBook(editor);
      expect((await as(admin).delete(`/books/${bookId}`)).status).toBe(204);
      expectProblem(await as(admin).get(`/books/${bookId}`), 404, 'BOOK_NOT_FOUND');
    });

    it('When a user has no role at all, then even reading is 403', async () => {
      const nobody = await createUser(store, []);
      expectProblem(await as(nobody).get('/books'), 403, 'PERMISSION_DENIED');
    });

    it('When books are listed page by page, then the pages come from PostgreSQL in order', async () => {
      const editor = await createUser(store, ['editor']);
      const author = await as(editor).post('/authors', { name: 'Page Turner' });
      for (const title of ['Alpha', 'Beta', 'Gamma']) {
        await as(editor).post('/books', {
          title,
          isbn: nextIsbn(),
          authorId: author.body.id,
          publishedYear: 2000,
          priceCents: 100,
        });
      }
      const page = await as(editor).get(`/books?authorId=${author.body.id}&sort=-title&limit=2`);
      expect(page.body.data.map((book: { title: string }) => book.title)).toEqual(['Gamma', 'Beta']);
      expect(page.body.page).toEqual({ limit: 2, offset: 0, total: 3 });
    });
  });

  describe('the catalogue under load: the database decides, never a 500', () => {
    it('When 20 books with one ISBN are posted at once, then exactly one gets 201 and the others 409', async () => {
      const editor = await createUser(store, ['editor']);
      const author = await as(editor).post('/authors', { name: 'Ursula K. Le Guin' });
      const book = {
        title: 'Tehanu',
        isbn: nextIsbn(),
        authorId: author.body.id,
        publishedYear: 1990,
        priceCents: 999,
      };
      const responses = await Promise.all(Array.from({ length: 20 }, () => as(editor).post('/books', book)));
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses).toEqual([201, ...Array(19).fill(409)]);
      for (const res of responses.filter((r) => r.status === 409)) expectProblem(res, 409, 'BOOK_ISBN_TAKEN');
    });

    it('When two books are patched to one new ISBN at once, then one gets 200 and the other 409', async () => {
      const editor = await createUser(store, ['editor']);
      const [first, second] = [await createBook(editor, 'First'), await createBook(editor, 'Second')];
      const isbn = nextIsbn();
      const responses = await Promise.all([
        as(editor).patch(`/books/${first}`, { isbn }),
        as(editor).patch(`/books/${second}`, { isbn }),
      ]);
      expect(responses.map((res) => res.status).sort()).toEqual([200, 409]);
    });

    it('When a book is created while its author is deleted, then each gets a 2xx or a 409/422, never a 500', async () => {
      const admin = await createUser(store, ['admin']);
      for (let round = 0; round < 5; round++) {
        const author = await as(admin).post('/authors', { name: `Author ${round}` });
        const [created, deleted] = await Promise.all([
          as(admin).post('/books', {
            title: 'Racing',
            isbn: nextIsbn(),
            authorId: author.body.id,
            publishedYear: 2000,
            priceCents: 1,
          }),
          as(admin).delete(`/authors/${author.body.id}`),
        ]);
        // Either the book came first (the delete is refused: 409 AUTHOR_HAS_BOOKS), or the delete did (the
        // book names nobody: 422); both cannot succeed.
        const outcome = [created.status, deleted.status];
        expect([
          [201, 409],
          [422, 204],
        ]).toContainEqual(outcome);
      }
    });

    it('When q is % or _, then it matches only titles that contain it', async () => {
      const editor = await createUser(store, ['editor']);
      const marker = `${Date.now()}`;
      await createBook(editor, `${marker} 100% Natural`);
      await createBook(editor, `${marker} Natural Selection`);
      const titles = async (q: string) =>
        (await as(editor).get(`/books?q=${encodeURIComponent(q)}&limit=100`)).body.data.map(
          (book: { title: string }) => book.title,
        );
      expect(await titles(`${marker} 100%`)).toEqual([`${marker} 100% Natural`]);
      expect((await titles('%')).every((title: string) => title.includes('%'))).toBe(true);
      expect(await titles(`${marker}_`)).toEqual([]);
    });
  });

  describe('PUT /api/v1/users/{userId}/roles', () => {
    it('When an admin makes a reader an editor, then the reader’s current token can edit at once', async () => {
      const [admin, reader] = [await createUser(store, ['admin']), await createUser(store, ['reader'])];
      const res = await as(admin).put(`/users/${reader.id}/roles`, { roles: ['editor'] });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: reader.id,
        email: reader.email,
        roles: ['editor'],
        permissions: ['authors:read', 'authors:write', 'books:read', 'books:write', 'reviews:write'],
        createdAt: expect.any(String),
      });
      expect((await as(reader).post('/authors', { name: 'Promoted Author' })).status).toBe(201);
    });

    it('When an admin takes every role away, then the user can no longer read', async () => {
      const [admin, reader] = [await createUser(store, ['admin']), await createUser(store, ['reader'])];
      expect((await as(admin).put(`/users/${reader.id}/roles`, { roles: [] })).status).toBe(200);
      expectProblem(await as(reader).get('/books'), 403, 'PERMISSION_DENIED');
    });

    it('When a reader tries to make themself an admin, then the answer is 403 and nothing changes', async () => {
      const reader = await createUser(store, ['reader']);
      expectProblem(
        await as(reader).put(`/users/${reader.id}/roles`, { roles: ['admin'] }),
        403,
        'PERMISSION_DENIED',
      );
      expect((await as(reader).get('/auth/me')).body.roles).toEqual(['reader']);
    });

    it('When an editor tries to make someone an admin, then the answer is 403 PERMISSION_DENIED', async () => {
      const [editor, reader] = [await createUser(store, ['editor']), await createUser(store, ['reader'])];
      expectProblem(
        await as(editor).put(`/users/${reader.id}/roles`, { roles: ['admin'] }),
        403,
        'PERMISSION_DENIED',
      );
      expectProblem(
        await as(editor).put(`/users/${editor.id}/roles`, { roles: ['admin'] }),
        403,
        'PERMISSION_DENIED',
      );
    });

    it('When an admin changes their own roles, then the answer is 403 OWN_ROLES_LOCKED and nothing changes', async () => {
      const admin = await createUser(store, ['admin']);
      for (const roles of [['reader'], ['admin', 'editor'], []]) {
        expectProblem(await as(admin).put(`/users/${admin.id}/roles`, { roles }), 403, 'OWN_ROLES_LOCKED');
      }
      expect((await as(admin).get('/auth/me')).body.roles).toEqual(['admin']);
    });

    it('When an admin names themself by their id in upper case, then it is still their own id: 403 OWN_ROLES_LOCKED', async () => {
      const admin = await createUser(store, ['admin']);
      const res = await as(admin).put(`/users/${admin.id.toUpperCase()}/roles`, { roles: ['reader'] });
      expectProblem(res, 403, 'OWN_ROLES_LOCKED');
      expect((await as(admin).get('/auth/me')).body.roles).toEqual(['admin']);
    });

    it('When another user is named by their id in upper case, then their roles change as with the id as stored', async () => {
      const [admin, reader] = [await createUser(store, ['admin']), await createUser(store, ['reader'])];
      const res = await as(admin).put(`/users/${reader.id.toUpperCase()}/roles`, { roles: ['editor'] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: reader.id, roles: ['editor'] });
    });

    it('When the user does not exist, then the answer is 404 USER_NOT_FOUND', async () => {
      const admin = await createUser(store, ['admin']);
      for (const id of ['0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61', 'not-a-uuid']) {
        expectProblem(
          await as(admin).put(`/users/${id}/roles`, { roles: ['reader'] }),
          404,
          'USER_NOT_FOUND',
        );
      }
    });

    it('When a role does not exist, then the answer is 422', async () => {
      const [admin, reader] = [await createUser(store, ['admin']), await createUser(store, ['reader'])];
      expectProblem(
        await as(admin).put(`/users/${reader.id}/roles`, { roles: ['owner'] }),
        422,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('POST /api/v1/auth/register', () => {
    it('When a registration sends roles along, then it is refused and no account is made', async () => {
      const email = uniqueEmail();
      const res = await request(store.app)
        .post(`${API}/auth/register`)
        .send({ email, password: PASSWORD, roles: ['admin'] });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect((await store.db.query('SELECT 1 FROM users WHERE email = $1', [email])).rows).toEqual([]);
    });
  });
});
