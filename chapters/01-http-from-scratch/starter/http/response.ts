import type { HttpError } from './http.error';
import type { HttpResponse } from './http.types';
import { reasonPhrase } from './status';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

export function noContent(): HttpResponse {
  return { status: 204 };
}

/** Every error response of the chapter has this JSON body; clients act on the status, people read the message. */
export function errorBody(status: number, message: string): { error: string; message: string } {
  return { error: reasonPhrase(status), message };
}

export function errorResponse(error: HttpError): HttpResponse {
  return json(error.status, errorBody(error.status, error.message), error.headers);
}

let cachedSecond = -1;
let cachedDate = '';

/** IMF-fixdate, the format of the Date header (RFC 9110 §5.6.7); computed at most once a second. */
export function httpDate(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedDate = new Date(second * 1000).toUTCString();
  }
  return cachedDate;
}
