import { headerTokens } from './header-fields';
import { HttpError } from './http.error';
import type { Framing, HttpResponse, RequestHead } from './http.types';
import { isFieldValue, isToken } from './grammar';
import { errorBody, httpDate } from './response';
import { hasNoContent, reasonPhrase } from './status';

/** The serializer owns the fields that frame a message, so a handler cannot make them lie. */
const FRAMING_FIELDS = new Set(['content-length', 'transfer-encoding', 'connection', 'date']);

/** One field line. A CR or LF in a value would start a new field or the body: response splitting. */
export function fieldLine(name: string, value: string): string {
  if (!isToken(name) || !isFieldValue(value)) throw new Error(`invalid response header field ${name}`);
  return `${name}: ${value}\r\n`;
}

/** status-line, field lines, an empty line, then the content (RFC 9112 §4, §6). */
export function serializeResponse(response: HttpResponse, head: RequestHead, keepAlive: boolean): Buffer {
  // #exercise 1.4: Serialise the response. Stuck? pnpm course hint 1.4
  throw new Error('Exercise 1.4 is not done yet: Serialise the response');
  // #end
}

/** Whether to send `100 Continue` before reading the body (RFC 9110 §10.1.1). */
export function expectsContinue(head: RequestHead, framing: Framing): boolean {
  // #exercise 1.4: Serialise the response. Stuck? pnpm course hint 1.4
  // Until exercise 1.4, clients that expect 100 Continue wait a moment, then send their body anyway.
  return false;
  // #end
}

export const CONTINUE = Buffer.from('HTTP/1.1 100 Continue\r\n\r\n', 'latin1');

/**
 * The response the connection layer sends before it closes. It does not use serializeResponse, so errors are
 * still answered while that exercise is unfinished or broken.
 */
export function serializeErrorResponse(status: number, message: string): Buffer {
  const body = JSON.stringify(errorBody(status, message));
  const head =
    `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Date: ${httpDate()}\r\nConnection: close\r\n\r\n`;
  return Buffer.from(head + body, 'utf8');
}
