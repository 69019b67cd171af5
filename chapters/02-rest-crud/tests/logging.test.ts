import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exercise } from '@course/test-harness';
import request from 'supertest';
import { InMemoryBookRepository } from '@target/books/book.repository';
import { API, UUID, freshRepositories, makeApp, requiredHeader, waitForLog, type LogEntry } from './support';

const isAccessLine = (entry: LogEntry) => entry.message === 'request completed';
const SOME_BOOK_ID = '0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61';

class BrokenBookRepository extends InMemoryBookRepository {
  override async findById(): Promise<never> {
    throw new Error('the books table is locked');
  }
}

exercise('2.7', () => {
  describe('X-Request-Id', () => {
    it('When a request comes without an id, then the response carries a new UUID', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/openapi.json');
      expect(requiredHeader(res, 'X-Request-Id', 'the request id')).toMatch(UUID);
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
        expect({ id, echoed: res.headers['x-request-id'] as unknown }).toEqual({
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

    it('When the client goes away before the answer, then the request is still logged, marked aborted', async () => {
      let arrived = (): void => {};
      const stuck = new Promise<void>((resolve) => (arrived = resolve));
      class StuckBookRepository extends InMemoryBookRepository {
        override findById(): Promise<never> {
          arrived();
          return new Promise(() => {}); // never answers, like a query that hangs
        }
      }
      const { authors } = freshRepositories();
      const { app, logs } = makeApp({ authors, books: new StuckBookRepository() });
      const server = http.createServer(app).listen(0, '127.0.0.1');
      try {
        await new Promise((resolve) => server.once('listening', resolve));
        const { port } = server.address() as AddressInfo;
        const req = http.get({ port, host: '127.0.0.1', path: `${API}/books/${SOME_BOOK_ID}` });
        req.on('error', () => undefined); // the test aborts it
        // Bounded: code that answers before asking the repository must fail this test, not hang it.
        // unref(): once the request has arrived, the pending bound must not keep jest's worker alive.
        await Promise.race([stuck, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
        req.destroy();
        const line = await waitForLog(logs, isAccessLine);
        expect(line).toMatchObject({ method: 'GET', path: `${API}/books/${SOME_BOOK_ID}`, aborted: true });
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('When a body is sent, then no log line contains it', async () => {
      const { app, logs } = makeApp();
      await request(app).post(`${API}/authors`).send({ name: 'Ursula', bio: 'secret-bio-text' });
      await request(app).post(`${API}/authors`).send({ name: 'Ursula', token: 'secret-token-text' });
      await waitForLog(logs, (entry) => isAccessLine(entry) && entry.status === 422);
      expect(JSON.stringify(logs)).not.toMatch(/secret-(bio|token)-text/);
    });
  });

  describe('error log', () => {
    it('When something fails unexpectedly, then the error is logged with the request id of the response', async () => {
      const { authors } = freshRepositories();
      const { app, logs } = makeApp({ authors, books: new BrokenBookRepository() });
      const res = await request(app).get(`${API}/books/0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61`);
      expect(res.status).toBe(500);
      const entry = await waitForLog(logs, (e) => e.level === 'error');
      expect(entry.requestId).toBe(requiredHeader(res, 'X-Request-Id', 'the request id'));
      expect(entry.requestId).toEqual(expect.stringMatching(UUID));
      const line = await waitForLog(logs, isAccessLine);
      expect(line).toMatchObject({ requestId: entry.requestId, status: 500 });
    });
  });
});
