import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@course/platform/logging';
import { exercise } from '@course/test-harness';
import { fuzzEveryOperation, type WireRequest } from '@course/test-harness/fuzz';
import { memoryLogger } from '@course/test-harness/logs';
import {
  responseValidator,
  type OpenApiDocument,
  type ResponseValidator,
} from '@course/test-harness/openapi';
import request, { type Response } from 'supertest';
import { createApp } from '@target/app';
import { useQueueTest } from './support';

/*
 * Generated requests, valid and invalid, to every operation of the OpenAPI document that the API serves. Whatever
 * is sent, the answer must be no 5xx, a status the document lists for the operation, and a body that matches the
 * documented schema (problem+json for errors). On a failure, fast-check prints the seed and the smallest request
 * it found; FUZZ_SEED=<seed> replays the same run, FUZZ_RUNS=<n> changes how many run.
 */

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
function send(method: string, url: string, wire: WireRequest): Promise<Response> {
  const req = request(server)[method as 'get'](url).set(wire.headers);
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

    fuzzEveryOperation(operations, () => ({
      document,
      responses,
      known: (_name, i) => ids.jobId[i % ids.jobId.length] ?? randomUUID(),
      send,
      runs: 25,
    }));
  });
});
