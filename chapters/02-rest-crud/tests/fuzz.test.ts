import http from 'node:http';
import { exercise } from '@course/test-harness';
import { fuzzEveryOperation, KNOWN_ID, type WireRequest } from '@course/test-harness/fuzz';
import {
  responseValidator,
  type OpenApiDocument,
  type ResponseValidator,
} from '@course/test-harness/openapi';
import request, { type Response } from 'supertest';
import { API, createAuthor, createBook, makeApp, nextIsbn } from './support';

/*
 * Generated requests, valid and invalid, to every operation of the OpenAPI document that the API serves. Whatever
 * is sent, the answer must be no 5xx, a status the document lists for the operation, and a body that matches the
 * documented schema (for errors: problem+json). On a failure, fast-check prints the seed and the smallest request
 * it found; FUZZ_SEED=<seed> replays the same run, FUZZ_RUNS=<n> changes how many run.
 */

let server: http.Server;
let document: OpenApiDocument;
let responses: ResponseValidator;
/** Ids the API has answered with, by path parameter: the fixtures, and every resource created while fuzzing. */
const ids = { authorId: [] as string[], bookId: [] as string[] };

beforeAll(async () => {
  const { app } = makeApp();
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  document = (await request(server).get('/openapi.json')).body as OpenApiDocument;
  responses = responseValidator(document);
  const author = await createAuthor(app);
  ids.authorId.push(author.id);
  ids.bookId.push((await createBook(app, author.id)).id);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** An id for `name`: a book for bookId, an author for authorId and for a body (whose only reference is authorId). */
function pick(name: string, index: number): string {
  const pool = name === 'bookId' ? ids.bookId : ids.authorId;
  return pool[index % Math.max(pool.length, 1)] ?? '00000000-0000-4000-8000-000000000000';
}

/**
 * Sends a generated request as it goes on the wire, and keeps the pools of ids up to date, so that valid requests
 * keep finding resources that exist: the store is in memory, and nothing empties it between requests.
 */
async function send(method: string, url: string, wire: WireRequest): Promise<Response> {
  const req = request(server)[method as 'get'](url).set(wire.headers);
  const res = await (wire.body === undefined ? req : req.send(wire.body));
  const pool = url.startsWith(`${API}/authors`) ? ids.authorId : ids.bookId;
  if (method === 'post' && res.status === 201) pool.push((res.body as { id: string }).id);
  if (method === 'delete' && res.status === 204) {
    const id = decodeURIComponent(url.split('?')[0]!.split('/').at(-1)!);
    if (pool.includes(id)) pool.splice(pool.indexOf(id), 1);
  }
  return res;
}

/** A valid body gets a real author and a fresh ISBN, which the schema alone cannot promise. */
function validBody(body: Record<string, unknown>): Record<string, unknown> {
  return {
    ...body,
    ...('authorId' in body && { authorId: KNOWN_ID }),
    ...('isbn' in body && { isbn: nextIsbn() }),
  };
}

exercise('2.6', () => {
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
    ];

    fuzzEveryOperation(operations, () => ({
      document,
      responses,
      known: pick,
      send,
      options: { validBody },
      runs: 40,
    }));
  });
});
