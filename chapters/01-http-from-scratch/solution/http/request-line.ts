import { HttpError } from './http.error';
import type { Limits } from './http.limits';
import type { RequestLine } from './http.types';
import { isToken, isVisibleAscii } from './grammar';

const VERSION = /^HTTP\/(\d)\.(\d)$/;

/** request-line = method SP request-target SP HTTP-version (RFC 9112 §3). */
export function parseRequestLine(line: string, limits: Limits): RequestLine {
  // #exercise 1.1
  if (line.length > limits.maxRequestLineBytes) {
    throw new HttpError({ status: 414, message: 'the request line is too long' });
  }
  const parts = line.split(' ');
  if (parts.length !== 3) {
    throw new HttpError({
      status: 400,
      message: 'the request line must be: method SP request-target SP HTTP-version',
    });
  }
  const [method = '', target = '', version = ''] = parts;
  if (!isToken(method)) throw new HttpError({ status: 400, message: 'the method must be a token' });
  if (!isRequestTarget(method, target)) {
    throw new HttpError({ status: 400, message: 'invalid request-target' });
  }
  const match = VERSION.exec(version);
  if (!match) throw new HttpError({ status: 400, message: 'invalid HTTP-version' });
  if (match[1] !== '1') throw new HttpError({ status: 505, message: `${version} is not supported` });
  // RFC 9110 §2.5: a newer minor version of HTTP/1 is handled as the highest one we implement.
  return { method, target, version: match[2] === '0' ? 'HTTP/1.0' : 'HTTP/1.1' };
  // #end
}

/** The request-target forms of RFC 9112 §3.2 that an origin server accepts. */
function isRequestTarget(method: string, target: string): boolean {
  // #exercise 1.1
  if (!isVisibleAscii(target)) return false;
  // A fragment (#...) stays in the client: no form of request-target has one (RFC 9112 §3.2, RFC 9110 §4.2.5).
  if (target.includes('#')) return false;
  if (target.startsWith('/')) return true; // origin-form
  if (target === '*') return method === 'OPTIONS'; // asterisk-form
  return /^https?:\/\/[^/?#]+/i.test(target); // absolute-form; authority-form is only for proxies
  // #end
}
