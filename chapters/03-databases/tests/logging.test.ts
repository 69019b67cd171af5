import { randomUUID } from 'node:crypto';
import { scaffold } from '@course/test-harness';
import request from 'supertest';
import type { BookRepository } from '@target/books/book.repository';
import { API, UUID, nextIsbn, useBookstore, waitForLog, type LogEntry } from './support';

const { makeApp } = useBookstore();

const isAccessLine = (entry: LogEntry) => entry.message === 'request completed';

const locked = async (): Promise<never> => {
  throw new Error('the books table is locked');
};
const brokenBooks: BookRepository = {
  create: locked,
  findById: locked,
  update: locked,
  delete: locked,
  list: locked,
};

scaffold('request ids and access logs', () => {
  describe('X-Request-Id', () => {
    it('When a request comes without an id, then the response carries a new UUID', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/openapi.json');
      expect(res.headers['x-request-id']).toMatch(UUID);
    });

    it('When two requests come without ids, then they get different ids', async () => {
      const { app } = makeApp();
      const first = await request(app).get('/openapi.json');
      const second = await request(app).get('/openapi.json');
      expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
    });

    it('When a request brings a safe id, then the same id is echoed', async () => {
      const { app } = makeApp();
      for (const id of ['req-42', 'a1b2c3d4.e5_f6:7', 'x'.repeat(64)]) {
        const res = await request(app).get(`${API}/books`).set('X-Request-Id', id);
        expect(res.headers['x-request-id']).toBe(id);
      }
    });

    it('When a request brings an unsafe id, then it is replaced by a new UUID', async () => {
      const { app } = makeApp();
      for (const id of ['x'.repeat(65), 'has space', '<script>', 'quote"d', 'semi;colon']) {
        const res = await request(app).get(`${API}/books`).set('X-Request-Id', id);
        expect({ id, echoed: res.headers['x-request-id'] }).toEqual({
          id,
          echoed: expect.stringMatching(UUID),
        });
      }
    });

    it('When a request fails, then its problem response still carries the id', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/nowhere').set('X-Request-Id', 'trace-me');
      expect(res.status).toBe(404);
      expect(res.headers['x-request-id']).toBe('trace-me');
    });
  });

  describe('access log', () => {
    it('When a request is answered, then one line logs its id, method, path, status and duration', async () => {
      const { app, logs } = makeApp();
      const res = await request(app).get('/openapi.json?download=1').set('X-Request-Id', 'access-1');
      expect(res.status).toBe(200);
      const line = await waitForLog(logs, isAccessLine);
      expect(line).toMatchObject({
        level: 'info',
        requestId: 'access-1',
        method: 'GET',
        path: '/openapi.json',
        status: 200,
      });
      expect(line.durationMs).toEqual(expect.any(Number));
      expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
      expect(line.timestamp).toEqual(expect.any(String));
      expect(logs.filter(isAccessLine)).toHaveLength(1);
    });

    it('When a request is rejected, then the access line has the error status', async () => {
      const { app, logs } = makeApp();
      await request(app).post(`${API}/authors`).send({});
      const line = await waitForLog(logs, isAccessLine);
      expect(line).toMatchObject({ method: 'POST', path: '/api/v1/authors', status: 422 });
    });

    it('When a body is sent, then no log line contains it', async () => {
      const { app, logs } = makeApp();
      await request(app).post(`${API}/authors`).send({ name: 'Ursula', bio: 'secret-bio-text' });
      await request(app).post(`${API}/authors`).send({ name: 'Ursula', token: 'secret-token-text' });
      await waitForLog(logs, (entry) => isAccessLine(entry) && entry.status === 422);
      expect(JSON.stringify(logs)).not.toMatch(/secret-(bio|token)-text/);
    });
  });

  describe('every layer', () => {
    /** Books that exist only in memory, found after a pause, as a real repository's would be after I/O. */
    const memoryBooks: BookRepository = {
      ...brokenBooks,
      async create(input) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const now = new Date();
        return {
          ...input,
          id: randomUUID(),
          tags: input.tags ?? [],
          author: { id: input.authorId, name: 'A' },
          reviewCount: 0,
          averageRating: null,
          createdAt: now,
          updatedAt: now,
        };
      },
    };

    it('When requests run at once, then every line logged while serving one, the service’s included, carries its id', async () => {
      const { app, logs } = makeApp({ books: memoryBooks });
      const isbns = new Map(['req-a', 'req-b', 'req-c', 'req-d'].map((id) => [id, nextIsbn()]));
      await Promise.all(
        [...isbns].map(([id, isbn]) =>
          request(app)
            .post(`${API}/books`)
            .set('X-Request-Id', id)
            .send({ title: id, isbn, authorId: randomUUID(), publishedYear: 2000, priceCents: 1 })
            .expect(201),
        ),
      );
      for (const id of isbns.keys()) await waitForLog(logs, (e) => isAccessLine(e) && e.requestId === id);
      // The service is never handed the request: the id comes from the request's async context.
      const created = logs.filter((e) => e.message === 'book created');
      expect(created.map((e) => [e.requestId, e.isbn]).sort()).toEqual([...isbns].sort());
      expect(logs.filter((e) => e.requestId === undefined)).toEqual([]);
    });
  });

  describe('error log', () => {
    it('When something fails unexpectedly, then the error is logged with the request id of the response', async () => {
      const { app, logs } = makeApp({ books: brokenBooks });
      const res = await request(app).get(`${API}/books/0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61`);
      expect(res.status).toBe(500);
      const entry = await waitForLog(logs, (e) => e.level === 'error');
      expect(entry.requestId).toBe(res.headers['x-request-id']);
      expect(entry.requestId).toMatch(UUID);
      const line = await waitForLog(logs, isAccessLine);
      expect(line).toMatchObject({ requestId: entry.requestId, status: 500 });
    });
  });
});
