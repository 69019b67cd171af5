import { HttpError } from './http.error';
import type { Limits } from './http.limits';
import type { Framing, RequestHead } from './http.types';
import { headerTokens } from './header-fields';

const HEX = /^[0-9A-Fa-f]+$/;

/** How the body of a request is delimited: RFC 9112 §6.3, in the order that section gives. */
export function framingOf(head: RequestHead, limits: Limits): Framing {
  // #exercise 1.3
  const contentLength = head.headers.get('content-length');
  if (head.headers.has('transfer-encoding')) {
    // Two framings that disagree are how requests get smuggled past a proxy (RFC 9112 §6.1, §11.2).
    if (contentLength) {
      throw new HttpError({ status: 400, message: 'Content-Length and Transfer-Encoding together' });
    }
    if (head.version === 'HTTP/1.0') {
      throw new HttpError({ status: 400, message: 'Transfer-Encoding in HTTP/1.0' });
    }
    const codings = headerTokens(head.headers, 'transfer-encoding');
    if (codings.pop() !== 'chunked') {
      throw new HttpError({ status: 400, message: 'chunked must be the last transfer coding' });
    }
    if (codings.includes('chunked')) throw new HttpError({ status: 400, message: 'chunked applied twice' });
    if (codings.length > 0) {
      throw new HttpError({ status: 501, message: `unsupported transfer coding: ${codings.join(', ')}` });
    }
    return { kind: 'chunked' };
  }
  if (contentLength) {
    const length = parseContentLength(contentLength);
    if (length > limits.maxBodyBytes) throw new HttpError({ status: 413, message: 'the body is too large' });
    return length === 0 ? { kind: 'none' } : { kind: 'length', length };
  }
  return { kind: 'none' };
  // #starter
  // // Until exercise 1.3, no request has a body.
  // return { kind: 'none' };
  // #end
}

/** Content-Length = 1*DIGIT (RFC 9110 §8.6), sent once. */
export function parseContentLength(values: string[]): number {
  // #exercise 1.3
  const [value, ...others] = values;
  if (value === undefined || others.length > 0) {
    throw new HttpError({ status: 400, message: 'more than one Content-Length' });
  }
  if (!/^\d+$/.test(value)) {
    throw new HttpError({ status: 400, message: 'Content-Length must be digits only' });
  }
  return Number(value);
  // #end
}

/** chunk-size [ chunk-ext ] (RFC 9112 §7.1): the size in hex, then extensions that we ignore. */
export function parseChunkSize(line: string, received: number, limits: Limits): number {
  // #exercise 1.3
  const semicolon = line.indexOf(';');
  const digits = (semicolon === -1 ? line : line.slice(0, semicolon)).replace(/[ \t]+$/, '');
  if (!HEX.test(digits)) throw new HttpError({ status: 400, message: 'invalid chunk size' });
  const size = parseInt(digits, 16);
  if (received + size > limits.maxBodyBytes) {
    throw new HttpError({ status: 413, message: 'the body is too large' });
  }
  return size;
  // #end
}
