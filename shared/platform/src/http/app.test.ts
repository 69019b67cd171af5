import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { waitForLog } from '@course/test-harness/logs';
import { expectProblem } from '@course/test-harness/problems';
import request from 'supertest';
import { API, makeApp, TYPE_BASE, UUID, validateError } from '../../test/test-app';

const problem = (res: request.Response, status: number, code: string) =>
  expectProblem(res, status, code, { typeBase: TYPE_BASE });

describe('buildApp(): bodies and media types', () => {
  it('When the body is not valid JSON, then the answer is 400 MALFORMED_JSON', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    problem(res, 400, 'MALFORMED_JSON');
    expect(res.body).toMatchObject({ title: 'Malformed JSON', instance: '/api/v1/books' });
  });

  it('When the body is larger than the limit, then the answer is 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(makeApp({ jsonLimit: '1kb' }).app)
      .post(`${API}/books`)
      .send({ title: 'x'.repeat(2_000) });
    problem(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('When the body is not JSON, then the answer is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .set('Content-Type', 'text/plain')
      .send('hi');
    problem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('When a body comes without a Content-Type, then the answer is 415', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .set('Content-Length', '2')
      .send(Buffer.from('{}'))
      .unset('Content-Type');
    problem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('When the JSON is in a charset other than UTF-8, then the answer is 415, not 500', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"title":"x"}');
    problem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('When the Content-Encoding is one the server does not know, then the answer is 415', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'compress')
      .send('{"title":"x"}');
    problem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each(['gzip', 'deflate', 'br'])(
    'When the body says Content-Encoding %s but is not compressed, then the answer is 400, not 500',
    async (encoding) => {
      const { app, logs } = makeApp();
      const res = await request(app)
        .post(`${API}/books`)
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send('{"title":"x"}');
      problem(res, 400, 'BAD_REQUEST');
      expect(logs.filter((entry) => entry.level === 'error')).toEqual([]);
    },
  );

  it('When the body really is gzip-compressed JSON, then it is parsed', async () => {
    const server = makeApp().app.listen(0);
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}${API}/books`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        body: gzipSync('{"title":"x"}'),
      });
      expect(res.status).toBe(201);
    } finally {
      server.close();
    }
  });

  it.each(['GET', 'DELETE'])(
    'When a %s comes with Content-Length: 0 and no Content-Type, then it is served, not refused with 415',
    async (method) => {
      const req =
        method === 'GET'
          ? request(makeApp().app).get(`${API}/books/1`)
          : request(makeApp().app).delete(`${API}/books/1`);
      const res = await req.set('Content-Length', '0');
      expect(res.status).toBe(method === 'GET' ? 200 : 204);
    },
  );

  it('When a TRACE comes, then the answer is 405 with Allow, not 415', async () => {
    const res = await request(makeApp().app).trace(`${API}/books`).set('Content-Length', '0');
    problem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, POST, HEAD');
  });
});

describe('buildApp(): NUL characters', () => {
  it('When a string field of the body holds a NUL character, then the answer is 422 naming the field', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .send({ title: 'ok', author: { name: 'Ur\u0000sula' }, tags: ['a', 'b\u0000'] });
    problem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { field: 'body.author.name', message: expect.stringContaining('NUL') },
      { field: 'body.tags[1]', message: expect.stringContaining('NUL') },
    ]);
  });

  it('When a query value holds a NUL character, then the answer is 422 naming the parameter', async () => {
    const res = await request(makeApp().app).get(`${API}/books?q=a%00b`);
    problem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'query.q', message: expect.stringContaining('NUL') }]);
  });

  it('When a query value has no NUL character, then it reaches the route', async () => {
    const res = await request(makeApp().app).get(`${API}/books?q=100%25`);
    expect(res.body).toEqual({ q: '100%' });
  });
});

describe('buildApp(): property names that every object has', () => {
  it('When the body names a property toString, __proto__ or constructor, at any depth, then the answer is 422 naming it', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .set('Content-Type', 'application/json')
      .send('{"title":"ok","bio":{"toString":1},"tags":[{"__proto__":{"admin":true}}],"constructor":{}}');
    problem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { field: 'body.bio.toString', message: 'is not an accepted property name' },
      { field: 'body.tags[0].__proto__', message: 'is not an accepted property name' },
      { field: 'body.constructor', message: 'is not an accepted property name' },
    ]);
  });

  it('When the names only resemble them, then the body reaches the route', async () => {
    const res = await request(makeApp().app)
      .post(`${API}/books`)
      .send({ title: 'ok', toStringX: 1, proto: {} });
    expect(res.status).not.toBe(422);
  });
});

describe('buildApp(): errors the routes throw', () => {
  it('When a path parameter is not valid percent-encoding, then the answer is 400, not 500', async () => {
    const res = await request(makeApp().app).get(`${API}/books/%E0%A4%A`);
    problem(res, 400, 'BAD_REQUEST');
  });

  it('When tsoa refuses the input, then the answer is 422 with the field errors and without the values', async () => {
    const res = await request(makeApp({ failure: validateError }).app)
      .post(`${API}/books`)
      .send({ isbn: 'x' });
    problem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'body.isbn', message: 'invalid ISBN' }]);
    expect(res.text).not.toContain('secret-value');
  });

  it('When a route throws an AppError with a registered code, then the answer is that problem', async () => {
    const res = await request(makeApp().app).get(`${API}/books/missing`);
    problem(res, 404, 'BOOK_NOT_FOUND');
    expect(res.body.title).toBe('Book not found');
  });

  it('When something fails unexpectedly, then the answer is a 500 that reveals nothing, and the stack is logged at error', async () => {
    const { app, logs } = makeApp({ failure: () => new Error('connection to /var/lib/books.db refused') });
    const res = await request(app).get(`${API}/books/1`);
    problem(res, 500, 'INTERNAL');
    expect(res.text).not.toMatch(/books\.db|refused|Error:/);
    const entry = await waitForLog(logs, (e) => e.level === 'error');
    expect(entry).toMatchObject({ message: 'request failed', status: 500, code: 'INTERNAL', method: 'GET' });
    expect(entry.error).toEqual(
      expect.objectContaining({ message: expect.stringContaining('refused'), stack: expect.any(String) }),
    );
  });

  it('When an error from another library carries a 4xx status, then it is still a 500: only client errors are 4xx', async () => {
    const upstream = () => Object.assign(new Error('upstream said 404'), { status: 404 });
    const res = await request(makeApp({ failure: upstream }).app).get(`${API}/books/1`);
    problem(res, 500, 'INTERNAL');
  });

  it('When a request is rejected, then it is logged at info with its code and without a stack', async () => {
    const { app, logs } = makeApp();
    await request(app).get('/nowhere');
    const entry = await waitForLog(logs, (e) => e.message === 'request rejected');
    expect(entry).toMatchObject({ level: 'info', status: 404, code: 'ROUTE_NOT_FOUND', path: '/nowhere' });
    expect(JSON.stringify(entry)).not.toContain('stack');
  });

  it('When the response has already started, then the error ends it instead of sending a second one', async () => {
    const { app, logs } = makeApp({
      configure: (a) =>
        a.get('/half', (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.write('partial');
          throw new Error('failed half-way');
        }),
    });
    const res = await request(app)
      .get('/half')
      .then(
        (r) => r.status,
        (error: NodeJS.ErrnoException) => error.code,
      );
    expect([200, 'ECONNRESET']).toContain(res);
    expect(logs.filter((e) => e.code === 'INTERNAL')).toEqual([]);
  });
});

describe('buildApp(): unknown routes and the docs', () => {
  it('When nothing is at a path, then the answer is 404 ROUTE_NOT_FOUND', async () => {
    const res = await request(makeApp().app).get(`${API}/novels?sort=title`);
    problem(res, 404, 'ROUTE_NOT_FOUND');
    expect(res.body.instance).toBe('/api/v1/novels');
  });

  it('When a documented path is asked with another method, then the answer is 405 with Allow', async () => {
    const res = await request(makeApp().app).put(`${API}/books/1`).send({});
    problem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, DELETE, HEAD');
  });

  it('When the method is wrong and so is the body, then the method is answered first: 405, not 415 or 413', async () => {
    const { app } = makeApp({ jsonLimit: '1kb' });
    const plain = await request(app).put(`${API}/books/1`).set('Content-Type', 'text/plain').send('a title');
    problem(plain, 405, 'METHOD_NOT_ALLOWED');
    expect(plain.headers.allow).toBe('GET, DELETE, HEAD');
    const large = await request(app)
      .patch(`${API}/books`)
      .send({ title: 'x'.repeat(2_000) });
    problem(large, 405, 'METHOD_NOT_ALLOWED');
    expect(large.headers.allow).toBe('GET, POST, HEAD');
  });

  it('When a body goes to a path under the base path that the document does not list, then the answer is 404, not 415 or 413', async () => {
    const { app } = makeApp({ jsonLimit: '1kb' });
    const plain = await request(app).post(`${API}/novels`).set('Content-Type', 'text/plain').send('a title');
    problem(plain, 404, 'ROUTE_NOT_FOUND');
    expect(plain.body.detail).toBe('Nothing is at POST /api/v1/novels.');
    const large = await request(app)
      .post(`${API}/novels`)
      .send({ title: 'x'.repeat(2_000) });
    problem(large, 404, 'ROUTE_NOT_FOUND');
  });

  it('When the document is asked for, then /openapi.json serves it and /docs/ serves Swagger UI', async () => {
    const { app } = makeApp();
    expect((await request(app).get('/openapi.json')).body).toMatchObject({ info: { title: 'Test API' } });
    expect((await request(app).get('/docs')).headers.location).toBe('/docs/');
    const page = await request(app).get('/docs/');
    expect({ status: page.status, type: page.headers['content-type'] }).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/html/),
    });
    const init = await request(app).get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('Test API');
  });

  it.each(['/docs/nope', '/docs/package.json', '/docs/%E0%A4%A'])(
    'When %s is asked for, then the answer is a problem+json 404, not text/plain',
    async (path) => {
      const res = await request(makeApp().app).get(path);
      problem(res, 404, 'ROUTE_NOT_FOUND');
    },
  );
});

describe('buildApp(): request ids', () => {
  it('When a request comes without an id, then the response carries a new UUID; two requests get two ids', async () => {
    const { app } = makeApp();
    const [first, second] = [
      await request(app).get('/openapi.json'),
      await request(app).get('/openapi.json'),
    ];
    expect(first.headers['x-request-id']).toMatch(UUID);
    expect(first.headers['x-request-id']).not.toBe(second.headers['x-request-id']);
  });

  it('When a request brings a safe id, then it is echoed; an unsafe one is replaced', async () => {
    const { app } = makeApp();
    expect(
      (await request(app).get(`${API}/books`).set('X-Request-Id', 'req-42')).headers['x-request-id'],
    ).toBe('req-42');
    for (const id of ['x'.repeat(65), 'has space', '<script>']) {
      const res = await request(app).get(`${API}/books`).set('X-Request-Id', id);
      expect({ id, echoed: res.headers['x-request-id'] }).toEqual({
        id,
        echoed: expect.stringMatching(UUID),
      });
    }
  });

  it('When a handler logs after the JSON body was parsed and after awaiting I/O, then every line carries the request id', async () => {
    const { app, logs } = makeApp();
    const res = await request(app).post(`${API}/books`).set('X-Request-Id', 'deep-1').send({ title: 'x' });
    expect(res.status).toBe(201);
    await waitForLog(logs, (e) => e.message === 'request completed');
    const lines = logs.filter((e) => e.message !== 'listening');
    expect(lines.map((e) => [e.message, e.requestId])).toEqual([
      ['service saw a body', 'deep-1'],
      ['repository read', 'deep-1'],
      ['request completed', 'deep-1'],
    ]);
  });

  it('When the body arrives after the headers, then the lines written after parsing it still carry the request id', async () => {
    const { app, logs } = makeApp();
    const server = app.listen(0);
    try {
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      const body = '{"title":"slow"}';
      const req = http.request({
        port,
        method: 'POST',
        path: `${API}/books`,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          'X-Request-Id': 'late-body',
        },
      });
      req.flushHeaders();
      // The body comes in a packet of its own, after the request has entered the pipeline.
      await new Promise((resolve) => setTimeout(resolve, 50));
      req.end(body);
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      res.resume();
      expect(res.statusCode).toBe(201);
      const line = await waitForLog(logs, (e) => e.message === 'repository read');
      expect(line.requestId).toBe('late-body');
    } finally {
      server.close();
    }
  });

  it('When two requests are served at once, then each line carries its own request id', async () => {
    const { app, logs } = makeApp();
    await Promise.all(
      ['a', 'b', 'c'].map((id) => request(app).get(`${API}/books/${id}`).set('X-Request-Id', `req-${id}`)),
    );
    const reads = logs.filter((e) => e.message === 'repository read');
    expect(reads.map((e) => [e.bookId, e.requestId]).sort()).toEqual([
      ['a', 'req-a'],
      ['b', 'req-b'],
      ['c', 'req-c'],
    ]);
  });
});
