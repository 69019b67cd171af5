import http from 'node:http';
import { exercise } from '@course/test-harness';
import {
  fuzzSettings,
  KNOWN_ID,
  operationsOf,
  requestsFor,
  toWire,
  type WireRequest,
} from '@course/test-harness/fuzz';
import {
  responseValidator,
  type OpenApiDocument,
  type ResponseValidator,
} from '@course/test-harness/openapi';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { API, createAuthor, createBook, nextIsbn, useBookstore } from './support';

/*
 * Generated requests, valid and invalid, to every operation of the OpenAPI document that the API serves. Whatever
 * is sent, the answer must be no 5xx, a status the document lists for the operation, and a body that matches the
 * documented schema (problem+json for errors). On a failure, fast-check prints the seed and the smallest request
 * it found; FUZZ_SEED=<seed> replays the same run, FUZZ_RUNS=<n> changes how many run.
 */

const { db, makeApp } = useBookstore();

let server: http.Server;
let document: OpenApiDocument;
let responses: ResponseValidator;
/** Ids the API has answered with, by path parameter: the fixtures, and what fuzzing creates. */
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  server = http.createServer(makeApp().app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  document = (await request(server).get('/openapi.json')).body as OpenApiDocument;
  responses = responseValidator(document);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  const { app } = makeApp();
  const author = await createAuthor(app);
  const book = await createBook(app, author.id, { tags: ['fuzzed'] });
  const review = await db.query<{ id: string }>(
    "INSERT INTO reviews (book_id, reviewer, rating) VALUES ($1, 'fuzz@example.com', 3) RETURNING id",
    [book.id],
  );
  Object.assign(ids, { authorId: [author.id], bookId: [book.id], reviewId: [review.rows[0]!.id] });
});

function pick(name: string, index: number): string {
  const pool = ids[name] ?? [];
  return pool[index % Math.max(pool.length, 1)] ?? '00000000-0000-4000-8000-000000000000';
}

/** Sends a generated request as it goes on the wire. */
function send(method: string, wire: WireRequest): Promise<Response> {
  const req = request(server)[method as 'get'](`${API}${wire.path}`).set(wire.headers);
  return wire.body === undefined ? req : req.send(wire.body);
}

/** A valid body gets real references and a fresh ISBN, which the schema alone cannot promise. */
function validBody(body: Record<string, unknown>): Record<string, unknown> {
  return {
    ...body,
    ...('authorId' in body && { authorId: KNOWN_ID }),
    ...('isbn' in body && { isbn: nextIsbn() }),
  };
}

// The last exercise: by then every operation must hold, whatever it is sent.
exercise('3.8', () => {
  describe('fuzzing every operation of the served OpenAPI document', () => {
    const operations = [
      'get /authors',
      'post /authors',
      'get /authors/{authorId}',
      'patch /authors/{authorId}',
      'delete /authors/{authorId}',
      'get /books',
      'post /books',
      'get /books/{bookId}',
      'patch /books/{bookId}',
      'delete /books/{bookId}',
      'get /books/{bookId}/reviews',
      'post /books/{bookId}/reviews',
      'get /books/{bookId}/reviews/{reviewId}',
    ];

    it('When the document is read, then it has exactly the operations fuzzed here', () => {
      const documented = operationsOf(document).map(({ method, path }) => `${method} ${path}`);
      expect(documented.sort()).toEqual([...operations].sort());
    });

    it.each(operations)(
      'When %s gets generated requests, valid and invalid, then every answer is documented, never a 5xx',
      async (operation) => {
        const [method, path] = operation.split(' ') as [string, string];
        const documented = operationsOf(document).find((o) => o.method === method && o.path === path)!;
        let index = 0;
        await fc.assert(
          fc.asyncProperty(requestsFor(document, documented.operation, { validBody }), async (generated) => {
            const i = index++;
            const wire = toWire(path, generated, (name) => pick(name === 'body' ? 'authorId' : name, i));
            const url = `${API}${wire.path}`;
            const res = await send(method, wire);
            expect({ status: res.status, problems: responses.problems(method, url, res) }).toEqual({
              status: expect.any(Number),
              problems: [],
            });
            expect(res.status).toBeLessThan(500);
          }),
          fuzzSettings(25),
        );
      },
      // A few seconds alone; more when the whole suite shares the machine.
      30_000,
    );
  });
});
