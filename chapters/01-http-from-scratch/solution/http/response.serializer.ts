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
  // #exercise 1.4
  const { status, headers = {} } = response;
  const body =
    typeof response.body === 'string'
      ? Buffer.from(response.body, 'utf8')
      : (response.body ?? Buffer.alloc(0));
  let text = `HTTP/1.1 ${status} ${reasonPhrase(status)}\r\n`;
  let hasType = false;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (FRAMING_FIELDS.has(lower)) continue;
    if (lower === 'content-type') hasType = true;
    text += fieldLine(name, value);
  }
  const noContent = hasNoContent(status);
  if (!noContent) {
    if (!hasType && body.length > 0) {
      text += fieldLine(
        'Content-Type',
        typeof response.body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
      );
    }
    text += fieldLine('Content-Length', String(body.length));
  }
  text += fieldLine('Date', httpDate());
  if (!keepAlive) text += 'Connection: close\r\n';
  else if (head.version === 'HTTP/1.0') text += 'Connection: keep-alive\r\n';
  text += '\r\n';
  // A response to HEAD carries the fields a GET would get, and no content (RFC 9110 §9.3.2).
  if (noContent || head.method === 'HEAD' || body.length === 0) return Buffer.from(text, 'latin1');
  return Buffer.concat([Buffer.from(text, 'latin1'), body]);
  // #end
}

/** Whether to send `100 Continue` before reading the body (RFC 9110 §10.1.1). */
export function expectsContinue(head: RequestHead, framing: Framing): boolean {
  // #exercise 1.4
  const expectations = headerTokens(head.headers, 'expect');
  // An HTTP/1.0 client does not know 100 Continue, so its expectation is ignored.
  if (expectations.length === 0 || head.version === 'HTTP/1.0') return false;
  if (expectations.some((expectation) => expectation !== '100-continue')) {
    throw new HttpError({ status: 417, message: 'the only expectation supported is 100-continue' });
  }
  return framing.kind !== 'none';
  // #starter
  // // Until exercise 1.4, clients that expect 100 Continue wait a moment, then send their body anyway.
  // return false;
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
