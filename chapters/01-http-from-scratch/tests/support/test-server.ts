import { recordServerOutput } from '@course/test-harness';
import { createServer } from '@target/http/http.server';
import type { HttpServer } from '@target/http/http.server';
import type { Limits } from '@target/http/http.limits';
import type { Handler, HeaderMap, HttpRequest } from '@target/http/http.types';

/** Small limits and short timeouts, so that the limit and timeout tests are quick. */
export const testLimits: Limits = {
  maxRequestLineBytes: 1024,
  maxHeaderCount: 20,
  maxHeaderBytes: 2048,
  maxBodyBytes: 1024,
  headersTimeoutMs: 100,
  keepAliveTimeoutMs: 300,
};

export interface TestServer {
  port: number;
  server: HttpServer;
  /** What the server reported through onError: unexpected errors, not bad requests. A failing test prints them. */
  errors: unknown[];
  close(): Promise<void>;
}

/** Starts a server on an ephemeral port; close it in afterAll. */
export async function startServer(handler: Handler, limits: Partial<Limits> = {}): Promise<TestServer> {
  const errors: unknown[] = [];
  const server = createServer(handler, {
    limits: { ...testLimits, ...limits },
    onError: (error) => {
      errors.push(error);
      recordServerOutput('server error', error);
    },
  });
  const port = await server.listen(0);
  return { port, server, errors, close: () => server.close() };
}

/** What a handler saw, as JSON: lets tests check what the parser produced, through a real socket. */
export interface SeenRequest {
  method: string;
  target: string;
  version: string;
  headers: Record<string, string[]>;
  trailers: Record<string, string[]>;
  /** The body, decoded as latin1 so that every byte survives. */
  body: string;
}

function fields(map: HeaderMap): Record<string, string[]> {
  return Object.fromEntries(map);
}

export function describeRequest(request: HttpRequest): SeenRequest {
  const { method, target, version, headers, trailers, body } = request;
  return {
    method,
    target,
    version,
    headers: fields(headers),
    trailers: fields(trailers),
    body: body.toString('latin1'),
  };
}

/** Answers every request with 200 and a JSON description of it. */
export const inspectHandler: Handler = (request) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(describeRequest(request)),
});

/** Polls `check` until it stops throwing, for state that settles asynchronously (a socket closing on the server). */
export async function eventually(check: () => void, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
