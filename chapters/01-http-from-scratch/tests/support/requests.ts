import type { HttpRequest, HttpResponse } from '@target/http/http.types';

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

/**
 * A header of a response that a handler returned, found whatever the case of its name: field names are
 * case-insensitive (RFC 9110 §5.1), so `Allow` and `allow` are the same field.
 */
export function headerOf(response: HttpResponse, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const found = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
  return found?.[1];
}
