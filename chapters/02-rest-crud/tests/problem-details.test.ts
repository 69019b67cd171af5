import { gzipSync } from 'node:zlib';
import { exercise } from '@course/test-harness';
import express from 'express';
import request from 'supertest';
import { errorHandler } from '@target/errors/error.middleware';
import { InMemoryAuthorRepository } from '@target/authors/author.repository';
import { InMemoryBookRepository } from '@target/books/book.repository';
import { API, expectProblem, makeApp, memoryLogger, waitForLog } from './support';

const SOME_ID = '0b9ab1d4-3c55-4c2f-9a8e-0d7a3f6f2b61';

class BrokenAuthorRepository extends InMemoryAuthorRepository {
  override async findById(): Promise<never> {
    throw new Error('connection to /var/lib/authors.db refused');
  }
}

exercise('2.1', () => {
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

    it('When the JSON is in a charset other than UTF-8, then the answer is a 415 problem', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .set('Content-Type', 'application/json; charset=latin1')
        .send('{"name":"Ursula"}');
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('When the body has a content coding the API does not know, then the answer is a 415 problem', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'x-unknown')
        .send('{"name":"Ursula"}');
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it.each(['gzip', 'deflate', 'br'])(
      'When the body says Content-Encoding: %s but is not compressed, then the answer is a 400 problem',
      async (coding) => {
        const { app } = makeApp();
        const res = await request(app)
          .post(`${API}/authors`)
          .set('Content-Type', 'application/json')
          .set('Content-Encoding', coding)
          .send('{"name":"Ursula"}');
        expectProblem(res, 400, 'MALFORMED_BODY');
      },
    );

    it('When the body is really gzip-compressed JSON, then it is read', async () => {
      const { app } = makeApp();
      const res = await request(app)
        .post(`${API}/authors`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        // The bytes as they are: with a JSON Content-Type, supertest would serialise the Buffer as JSON. It writes
        // whatever the serializer returns, though its type says a string.
        .serialize((bytes: Buffer) => bytes as unknown as string)
        .send(gzipSync('{}'));
      // An empty author: the body was decompressed and read, and the schema refuses it.
      expectProblem(res, 422, 'VALIDATION_FAILED');
    });

    it.each([
      ['the name', { name: 'Ursula\u0000' }, 'body.name'],
      ['the bio', { name: 'Ursula', bio: 'a\u0000b' }, 'body.bio'],
    ])(
      'When %s holds a NUL character, then the answer is a 422 problem that names it',
      async (_case, body, field) => {
        const { app } = makeApp();
        const res = await request(app).post(`${API}/authors`).send(body);
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: expect.stringContaining('NUL') }]);
      },
    );

    it('When a property is named like a member of every object, at any depth, then the answer is a 422 problem that names it', async () => {
      const { app } = makeApp();
      for (const [body, field] of [
        ['{"name": "Ursula", "bio": {"toString": 1}}', 'body.bio.toString'],
        ['{"name": "Ursula", "__proto__": {"admin": true}}', 'body.__proto__'],
        ['{"name": "Ursula", "constructor": 1}', 'body.constructor'],
      ] as const) {
        const res = await request(app)
          .post(`${API}/authors`)
          .set('Content-Type', 'application/json')
          .send(body);
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual([{ field, message: 'is not an accepted property name' }]);
      }
      // Only names are refused, not values: here the empty name is the one fault.
      const similar = await request(app).post(`${API}/authors`).send({ name: '', bio: 'toString' });
      expectProblem(similar, 422, 'VALIDATION_FAILED');
      expect(similar.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.name']);
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

  describe('query and path errors', () => {
    it.each([
      ['q holds a NUL character', '/books?q=a%00b', 'query.q'],
      ['q holds a NUL character (authors)', '/authors?q=%00', 'query.q'],
      ['publishedFrom is above the int32 range', '/books?publishedFrom=2147483648', 'query.publishedFrom'],
      ['publishedTo is below the int32 range', '/books?publishedTo=-2147483649', 'query.publishedTo'],
      ['publishedTo is a huge number in exponent form', '/books?publishedTo=1.3e20', 'query.publishedTo'],
      ['offset is a huge number in exponent form', '/books?offset=1e23', 'query.offset'],
      ['offset is above the int32 range', '/books?offset=2147483648', 'query.offset'],
      ['sort is empty', '/books?sort=', 'query.sort'],
      ['sort has an empty field', '/authors?sort=name,', 'query.sort'],
    ])('When %s, then the answer is a 422 problem that names it', async (_case, url, field) => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}${url}`);
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('When a path parameter has a malformed percent-encoding, then the answer is a 400 problem', async () => {
      const { app } = makeApp();
      const res = await request(app).get(`${API}/books/%E0%A4%A`);
      expectProblem(res, 400, 'MALFORMED_PATH');
    });
  });

  describe('GET /api/v1/authors/{authorId} (unexpected errors)', () => {
    const broken = () =>
      makeApp({ authors: new BrokenAuthorRepository(), books: new InMemoryBookRepository() });

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

    it('When a body goes to a path the API does not have, then the answer is a 404 problem, not 415 or 413', async () => {
      const { app } = makeApp();
      const plain = await request(app).post(`${API}/novels`).set('Content-Type', 'text/plain').send('Dune');
      expectProblem(plain, 404, 'ROUTE_NOT_FOUND');
      expect(plain.body.detail).toBe('Nothing is at POST /api/v1/novels.');
      const large = await request(app)
        .post(`${API}/novels`)
        .send({ title: 'x'.repeat(200_000) });
      expectProblem(large, 404, 'ROUTE_NOT_FOUND');
    });

    it.each(['/docs/missing.js', '/docs/a/b', '/docs/package.json'])(
      'When %s, which Swagger UI does not have, is requested, then the answer is a 404 problem',
      async (path) => {
        const { app } = makeApp();
        expectProblem(await request(app).get(path), 404, 'ROUTE_NOT_FOUND');
      },
    );

    it('When a request is rejected, then it is logged at info level with its code', async () => {
      const { app, logs } = makeApp();
      await request(app).get('/nowhere');
      const entry = await waitForLog(logs, (e) => e.message === 'request rejected');
      expect(entry).toMatchObject({ level: 'info', status: 404, code: 'ROUTE_NOT_FOUND', path: '/nowhere' });
    });
  });

  describe('an error after the response has begun', () => {
    it('When a handler fails after sending its headers, then the error goes on to Express unchanged and the partial response is not given a problem body', async () => {
      const passedOn: unknown[] = [];
      const app = express();
      app.get('/half', (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('partial');
        throw new Error('failed half-way');
      });
      app.use(errorHandler(memoryLogger().logger));
      app.use(((error, _req, _res, next) => {
        passedOn.push(error);
        next(error);
      }) satisfies express.ErrorRequestHandler);
      // Express ends a response whose headers are out by cutting the connection; the client sees an abort.
      const res = await request(app)
        .get('/half')
        .then(
          (response) => response,
          (error: { response?: unknown }) => error.response,
        );
      expect(passedOn).toEqual([expect.objectContaining({ message: 'failed half-way' })]);
      expect(JSON.stringify(res ?? '')).not.toContain('problem');
    });
  });
});
