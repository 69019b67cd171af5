import { scaffold } from '@course/test-harness';
import request from 'supertest';
import { createApp } from '@target/app';
import type { AuthorRepository } from '@target/authors/author.repository';
import { connectDatabase } from '@target/database';
import { API, expectProblem, memoryLogger, useBookstore, waitForLog } from './support';

const { makeApp } = useBookstore();

const SOME_ID = '0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61';

const refused = async (): Promise<never> => {
  throw new Error('connection to /var/lib/authors.db refused');
};
const brokenAuthors: AuthorRepository = {
  create: refused,
  findById: refused,
  update: refused,
  delete: refused,
  list: refused,
};

scaffold('problem details for every error', () => {
  describe('POST /api/v1/authors (body errors)', () => {
    it('When the body is not valid JSON, then the answer is a 400 problem with code MALFORMED_JSON', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .set('Content-Type', 'application/json')
        .send('{"name": "Ursula",');
      expectProblem(res, 400, 'MALFORMED_JSON');
      expect(res.body).toMatchObject({
        type: 'https://bookstore.example/problems/malformed-json',
        title: 'Malformed JSON',
        instance: '/api/v1/authors',
      });
    });

    it('When the body is not JSON, then the answer is a 415 problem with code UNSUPPORTED_MEDIA_TYPE', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .set('Content-Type', 'text/plain')
        .send('name=Ursula');
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('When the body is larger than 100 kB, then the answer is a 413 problem with code PAYLOAD_TOO_LARGE', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .send({ name: 'x'.repeat(150_000) });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('When a required field is missing, then the answer is a 422 problem that names the field', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/authors`).send({ bio: 'Wrote about Earthsea.' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.name', message: expect.any(String) }]);
    });

    it('When a field has the wrong type, then the answer is a 422 problem that names the field', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/authors`).send({ name: 42 });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.name', message: expect.any(String) }]);
    });

    it('When the body has a property the API does not know, then the answer is a 422 problem that names it', async () => {
      const { app } = makeApp();
      const res = await request(app).post(`${API}/authors`).send({ name: 'Ursula', role: 'admin' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'body.role', message: expect.stringContaining('excess') }]);
    });

    it('When a field is invalid, then the problem does not echo the submitted value', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .send({ name: 'Ursula', password: 'hunter2-secret' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.text).not.toContain('hunter2-secret');
    });
  });

  describe('GET /api/v1/books (query errors)', () => {
    it('When several query parameters are invalid, then one 422 problem lists each of them', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books?limit=0&offset=-1`);
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'query.limit',
        'query.offset',
      ]);
      expect(res.body.instance).toBe('/api/v1/books');
    });
  });

  describe('GET /api/v1/authors/{authorId} (unexpected errors)', () => {
    const broken = () => makeApp({ authors: brokenAuthors });

    it('When something fails unexpectedly, then the answer is a 500 problem that reveals nothing internal', async () => {
      const { app } = broken();
      const res = await request(app).get(`${API}/authors/${SOME_ID}`);
      expectProblem(res, 500, 'INTERNAL');
      expect(res.body.title).toBe('Internal Server Error');
      expect(res.text).not.toMatch(/authors\.db|refused|Exercise|Error:/);
    });

    it('When something fails unexpectedly, then the error is logged with its stack', async () => {
      const { app, logs } = broken();
      await request(app).get(`${API}/authors/${SOME_ID}`);
      const entry = await waitForLog(logs, (e) => e.level === 'error');
      expect(entry).toMatchObject({
        status: 500,
        code: 'INTERNAL',
        method: 'GET',
        path: `/api/v1/authors/${SOME_ID}`,
      });
      expect(entry.error).toEqual(
        expect.objectContaining({ message: expect.any(String), stack: expect.any(String) }),
      );
    });
  });

  describe('an unreachable database', () => {
    it('When PostgreSQL cannot be reached, then the answer is a 500 problem that names neither host nor driver', async () => {
      // Port 1 on the local machine: nothing listens there, so every connection is refused at once.
      const database = connectDatabase({
        url: 'postgres://bookstore:s3cret-password@127.0.0.1:1/bookstore',
        poolSize: 1,
        logger: memoryLogger().logger,
      });
      try {
        const { logger, logs } = memoryLogger();
        const app = createApp({ database, logger });
        const res = await request(app).get(`${API}/books`);
        expectProblem(res, 500, 'INTERNAL');
        expect(res.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|s3cret|prisma|postgres/i);
        const entry = await waitForLog(logs, (e) => e.level === 'error');
        expect(entry.error).toEqual(expect.objectContaining({ message: expect.any(String) }));
      } finally {
        await database.close();
      }
    });
  });

  describe('unknown routes', () => {
    it('When nothing is at a path, then the answer is a 404 problem with code ROUTE_NOT_FOUND', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/api/v1/novels?sort=title');
      expectProblem(res, 404, 'ROUTE_NOT_FOUND');
      expect(res.body.instance).toBe('/api/v1/novels');
    });

    it('When a known path is asked with a method it does not have, then the answer is a 405 problem with Allow', async () => {
      const { app } = makeApp();
      const res = await request(app).put(`${API}/books`).send({});
      expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
      expect(res.headers.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    });

    it('When a request is rejected, then it is logged at info level with its code', async () => {
      const { app, logs } = makeApp();
      await request(app).get('/nowhere');
      const entry = await waitForLog(logs, (e) => e.message === 'request rejected');
      expect(entry).toMatchObject({ level: 'info', status: 404, code: 'ROUTE_NOT_FOUND', path: '/nowhere' });
    });
  });
});
