import { exercise } from '@course/test-harness';
import request from 'supertest';
import {
  API,
  bearer,
  createUser,
  expectProblem,
  PASSWORD,
  type TestUser,
  uniqueEmail,
  UNLIMITED_LOGINS,
  useBookstore,
} from './support';

let isbnCounter = 200_000;

/** A new valid ISBN-13 on every call. */
function nextIsbn(): string {
  const digits = `978${String(isbnCounter++).padStart(9, '0')}`;
  const sum = [...digits].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

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
