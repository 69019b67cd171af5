import http from 'node:http';
import { exercise } from '@course/test-harness';
import { fuzzEveryOperation, KNOWN_ID, type WireRequest } from '@course/test-harness/fuzz';
import {
  responseValidator,
  type OpenApiDocument,
  type ResponseValidator,
} from '@course/test-harness/openapi';
import request, { type Response } from 'supertest';
import { createAuthor, createBook, nextIsbn, useBookstore } from './support';

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
function send(method: string, url: string, wire: WireRequest): Promise<Response> {
  const req = request(server)[method as 'get'](url).set(wire.headers);
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

    fuzzEveryOperation(operations, () => ({
      document,
      responses,
      known: (name, i) => pick(name === 'body' ? 'authorId' : name, i),
      send,
      options: { validBody },
      runs: 25,
    }));
  });
});
