import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@course/platform/logging';
import { exercise } from '@course/test-harness';
import {
  fuzzSettings,
  KNOWN_ID,
  operationsOf,
  requestsFor,
  type FuzzRequest,
} from '@course/test-harness/fuzz';
import { memoryLogger } from '@course/test-harness/logs';
import {
  responseValidator,
  type OpenApiDocument,
  type ResponseValidator,
} from '@course/test-harness/openapi';
import fc from 'fast-check';
import request, { type Response } from 'supertest';
import { createApp } from '@target/app';
import { useQueueTest } from './support';

/*
 * Generated requests, valid and invalid, to every operation of the OpenAPI document that the API serves. Whatever
 * is sent, the answer must be no 5xx, a status the document lists for the operation, and a body that matches the
 * documented schema (problem+json for errors). On a failure, fast-check prints the seed and the smallest request
 * it found; FUZZ_SEED=<seed> replays the same run, FUZZ_RUNS=<n> changes how many run.
 */

const API = '/api/v1';
const { db, makeQueue } = useQueueTest();

let server: http.Server;
let document: OpenApiDocument;
let responses: ResponseValidator;
/** A job that exists and one in the dead-letter list, so that generated requests also reach found ids. */
const ids: { jobId: string[] } = { jobId: [] };

beforeAll(async () => {
  const queue = makeQueue({ maxAttempts: 1 });
  const { logger } = memoryLogger(createLogger);
  server = http.createServer(createApp({ pool: db.pool, queue, logger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  document = (await request(server).get('/openapi.json')).body as OpenApiDocument;
  responses = responseValidator(document);
  const waiting = await queue.enqueue('build-report', { reportId: randomUUID(), kind: 'stock' });
  ids.jobId.push(waiting);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The URL and body of a generated request, with KNOWN_ID replaced by a real job id. */
function materialise(path: string, generated: FuzzRequest, index: number): { url: string; body: unknown } {
  const url = path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = generated.params[name] ?? '';
    if (value === KNOWN_ID) return ids.jobId[index % ids.jobId.length] ?? randomUUID();
    // Broken percent-encodings go as they are; anything else is encoded, so that it stays one path segment.
    return value.startsWith('%') ? value : encodeURIComponent(value || 'x');
  });
  const query = new URLSearchParams(generated.query).toString();
  const body = generated.body?.kind === 'json' ? generated.body.value : undefined;
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

// The last exercise: by then every operation of the API must hold, whatever it is sent.
exercise('6.8', () => {
  describe('fuzzing every operation of the served OpenAPI document', () => {
    const operations = [
      'get /dead-letters',
      'post /dead-letters/{jobId}/replay',
      'get /jobs/{jobId}',
      'post /reports',
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
          fc.asyncProperty(requestsFor(document, documented.operation), async (generated) => {
            const { url, body } = materialise(path, generated, index++);
            const res = await send(method, url, generated, body);
            expect({ status: res.status, problems: responses.problems(method, url, res) }).toEqual({
              status: expect.any(Number),
              problems: [],
            });
            expect(res.status).toBeLessThan(500);
          }),
          fuzzSettings(25),
        );
      },
      30_000,
    );
  });
});
