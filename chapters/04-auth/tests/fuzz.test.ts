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
function send(method: string, wire: WireRequest, auth: string | undefined): Promise<Response> {
  let req = request(server)[method as 'get'](`${API}${wire.path}`).set(wire.headers);
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
    const operations = () => operationsOf(document).map(({ method, path }) => `${method} ${path}`);

    it('When the document is read, then it has the operations of the catalogue, auth and users', () => {
      expect(operations().length).toBeGreaterThanOrEqual(18);
    });

    it('When every operation gets generated requests, valid and invalid, then every answer is documented, never a 5xx', async () => {
      for (const { method, path, operation } of operationsOf(document)) {
        let index = 0;
        await fc.assert(
          fc.asyncProperty(
            requestsFor(document, operation, { validBody }),
            authorization,
            async (generated, auth) => {
              const i = index++;
              const wire = toWire(path, generated, (name) => pick(name === 'body' ? 'authorId' : name, i));
              const url = `${API}${wire.path}`;
              const res = await send(method, wire, auth);
              expect({
                operation: `${method} ${path}`,
                status: res.status,
                problems: responses.problems(method, url, res),
              }).toEqual({
                operation: `${method} ${path}`,
                status: expect.any(Number),
                problems: [],
              });
              expect(res.status).toBeLessThan(500);
            },
          ),
          fuzzSettings(10),
        );
      }
    }, 60_000);
  });
});
