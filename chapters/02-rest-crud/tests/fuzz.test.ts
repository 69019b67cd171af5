import http from 'node:http';
import { exercise } from '@course/test-harness';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { KNOWN_ID, requestsFor, type FuzzRequest } from './fuzz-requests';
import { ResponseValidator, type OpenApiDocument } from './openapi-validator';
import { API, createAuthor, createBook, makeApp } from './support';

/*
 * Generated requests, valid and invalid, to every operation of the OpenAPI document that the API serves. Whatever
 * is sent, the answer must be no 5xx, a status the document lists for the operation, and a body that matches the
 * documented schema (for errors: problem+json). On a failure, fast-check prints the seed and the smallest request
 * it found; FUZZ_SEED=<seed> replays the same run.
 */

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 40);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

let server: http.Server;
let validator: ResponseValidator;
/** Ids the API has answered with: the fixtures, and every resource created while fuzzing. */
const ids = { authors: [] as string[], books: [] as string[] };

beforeAll(async () => {
  const { app } = makeApp();
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const res = await request(server).get('/openapi.json');
  validator = new ResponseValidator(res.body as OpenApiDocument);
  const author = await createAuthor(app);
  ids.authors.push(author.id);
  ids.books.push((await createBook(app, author.id)).id);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function pick(list: string[], index: number): string {
  return list[index % list.length] ?? '00000000-0000-4000-8000-000000000000';
}

/** The URL and body of a generated request, with KNOWN_ID replaced by real ids. */
function materialise(path: string, generated: FuzzRequest, index: number): { url: string; body: unknown } {
  const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = generated.params[name] ?? '';
    if (value === KNOWN_ID) return pick(name === 'bookId' ? ids.books : ids.authors, index);
    // Broken percent-encodings go as they are; anything else is encoded, so it stays one path segment.
    return /^%/.test(value) ? value : encodeURIComponent(value || 'x');
  });
  const query = new URLSearchParams(generated.query).toString();
  const body =
    generated.body?.kind === 'json'
      ? JSON.parse(JSON.stringify(generated.body.value).replaceAll(KNOWN_ID, pick(ids.authors, index)))
      : undefined;
  return { url: `${API}${url}${query ? `?${query}` : ''}`, body };
}

async function send(method: string, url: string, generated: FuzzRequest, body: unknown): Promise<Response> {
  let req = request(server)[method as 'get'](url);
  if (generated.body?.kind === 'raw') {
    for (const [name, value] of Object.entries(generated.body.headers)) req = req.set(name, value);
    return req.send(generated.body.text);
  }
  // JSON text, so that a number or a boolean is sent as the body it is.
  return body === undefined ? req : req.set('Content-Type', 'application/json').send(JSON.stringify(body));
}

/** Keeps the pools of ids up to date, so that valid requests keep finding resources that exist. */
function remember(path: string, method: string, url: string, res: Response): void {
  const pool = path.startsWith('/authors') ? ids.authors : ids.books;
  if (method === 'post' && res.status === 201) pool.push((res.body as { id: string }).id);
  if (method === 'delete' && res.status === 204) {
    const id = decodeURIComponent(url.split('?')[0]!.split('/').at(-1)!);
    if (pool.includes(id)) pool.splice(pool.indexOf(id), 1);
  }
}

exercise('2.6', () => {
  describe('fuzzing every operation of the served OpenAPI document', () => {
    const operations = [
      ['get', '/authors'],
      ['post', '/authors'],
      ['get', '/authors/{authorId}'],
      ['patch', '/authors/{authorId}'],
      ['delete', '/authors/{authorId}'],
      ['get', '/books'],
      ['post', '/books'],
      ['get', '/books/{bookId}'],
      ['patch', '/books/{bookId}'],
      ['delete', '/books/{bookId}'],
    ] as const;

    it('When the document is read, then it has exactly the operations fuzzed here', () => {
      const documented = Object.entries(validator.document.paths).flatMap(([path, byMethod]) =>
        Object.keys(byMethod).map((method) => `${method} ${path}`),
      );
      expect(documented.sort()).toEqual(operations.map(([method, path]) => `${method} ${path}`).sort());
    });

    it.each(operations)(
      'When %s %s gets generated requests, valid and invalid, then every answer is documented, never a 5xx',
      async (method, path) => {
        const operation = validator.document.paths[path]![method]!;
        let index = 0;
        await fc.assert(
          fc.asyncProperty(requestsFor(operation, validator), async (generated) => {
            const { url, body } = materialise(path, generated, index++);
            const res = await send(method, url, generated, body);
            remember(path, method, url, res);
            expect({ status: res.status, errors: validator.responseErrors(path, method, res) }).toEqual({
              status: expect.any(Number),
              errors: [],
            });
            expect(res.status).toBeLessThan(500);
          }),
          { numRuns: RUNS_PER_OPERATION, ...(seed !== undefined && { seed }) },
        );
      },
    );
  });
});
