import type { HttpRequest } from '@target/http/http.types';

/** Builds the request the parser would hand to a handler, for tests of what sits above the server. */
export function makeRequest(
  method: string,
  target: string,
  { headers = {}, body = '' }: { headers?: Record<string, string>; body?: string } = {},
): HttpRequest {
  return {
    method,
    target,
    version: 'HTTP/1.1',
    headers: new Map(
      Object.entries({ host: 'localhost', ...headers }).map(([name, value]) => [name, [value]]),
    ),
    body: Buffer.from(body),
    trailers: new Map(),
  };
}

export function jsonRequest(method: string, target: string, value: unknown): HttpRequest {
  return makeRequest(method, target, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });
}
