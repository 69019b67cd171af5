import http from 'node:http';
import { exercise } from '@course/test-harness';
import { fuzzEveryOperation, KNOWN_ID, type WireRequest } from '@course/test-harness/fuzz';
import {
  responseValidator,
  type OpenApiDocument,
  type ResponseValidator,
} from '@course/test-harness/openapi';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { API, bearer, createUser, nextIsbn, useBookstore, type TestUser } from './support';

/*
 * Generated requests, valid and invalid, to every operation of the OpenAPI document that the API serves, sent
 * with an administrator's token, with no token, or with a broken one. Whatever is sent, the answer must be no 5xx,
 * a status the document lists for the operation, and a body that matches the documented schema (problem+json for
 * errors). On a failure, fast-check prints the seed and the smallest request it found; FUZZ_SEED=<seed> replays
 * the same run, FUZZ_RUNS=<n> changes how many run.
 */

const store = useBookstore();

let server: http.Server;
let document: OpenApiDocument;
let responses: ResponseValidator;
let admin: TestUser;
/** Ids the API has answered with, by path parameter. */
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  server = http.createServer(store.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  document = (await request(server).get('/openapi.json')).body as OpenApiDocument;
  responses = responseValidator(document);
  admin = await createUser(store, ['admin']);
  const reader = await createUser(store, ['reader']);
  const as = (req: request.Test) => req.set('Authorization', bearer(admin.accessToken));
  const author = await as(request(server).post(`${API}/authors`)).send({ name: 'Fuzzed Author' });
  const book = await as(request(server).post(`${API}/books`)).send({
    title: 'Fuzzed',
    isbn: nextIsbn(),
    authorId: author.body.id,
    publishedYear: 2000,
    priceCents: 100,
  });
  const review = await as(request(server).post(`${API}/books/${book.body.id}/reviews`)).send({ rating: 4 });
  Object.assign(ids, {
    authorId: [author.body.id],
    bookId: [book.body.id],
    reviewId: [review.body.id],
    userId: [reader.id],
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function pick(name: string, index: number): string {
  const pool = ids[name] ?? [];
  return pool[index % Math.max(pool.length, 1)] ?? '00000000-0000-4000-8000-000000000000';
}

/** Mostly the administrator's token, so that requests get past authentication; sometimes none, or a broken one. */
const authorization = fc.oneof(
  { arbitrary: fc.constant('admin'), weight: 6 },
  fc.constant(undefined),
  fc.constantFrom('Bearer', 'Bearer not.a.jwt', 'Basic YWRtaW46YWRtaW4=', '', 'Bearer \u00e9'),
);

/** Sends a generated request as it goes on the wire, with `auth` as its Authorization ('admin': the admin's token). */
function send(method: string, url: string, wire: WireRequest, auth: string | undefined): Promise<Response> {
  let req = request(server)[method as 'get'](url).set(wire.headers);
  if (auth !== undefined) req = req.set('Authorization', auth === 'admin' ? bearer(admin.accessToken) : auth);
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
exercise('4.8', () => {
  describe('fuzzing every operation of the served OpenAPI document', () => {
    const operations = [
      'get /auth/me',
      'post /auth/register',
      'post /auth/login',
      'post /auth/refresh',
      'post /auth/logout',
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
      'put /users/{userId}/roles',
    ];

    fuzzEveryOperation(
      operations,
      () => ({
        document,
        responses,
        known: (name, i) => pick(name === 'body' ? 'authorId' : name, i),
        send,
        extras: authorization,
        options: { validBody },
        runs: 10,
      }),
      60_000,
    );
  });
});
