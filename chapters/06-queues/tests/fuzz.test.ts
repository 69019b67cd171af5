import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@course/platform/logging';
import { exercise } from '@course/test-harness';
import { fuzzSettings, operationsOf, requestsFor, toWire, type WireRequest } from '@course/test-harness/fuzz';
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
/** A job that exists, so that generated requests also reach an id that is found. */
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

/** Sends a generated request as it goes on the wire. */
function send(method: string, wire: WireRequest): Promise<Response> {
  const req = request(server)[method as 'get'](`${API}${wire.path}`).set(wire.headers);
  return wire.body === undefined ? req : req.send(wire.body);
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
            const i = index++;
            const wire = toWire(path, generated, () => ids.jobId[i % ids.jobId.length] ?? randomUUID());
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
      30_000,
    );
  });
});
