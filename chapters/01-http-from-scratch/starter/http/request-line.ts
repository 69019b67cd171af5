import { HttpError } from './http.error';
import type { Limits } from './http.limits';
import type { RequestLine } from './http.types';
import { isToken, isVisibleAscii } from './grammar';

const VERSION = /^HTTP\/(\d)\.(\d)$/;

/** request-line = method SP request-target SP HTTP-version (RFC 9112 §3). */
export function parseRequestLine(line: string, limits: Limits): RequestLine {
  // #exercise 1.1: Parse the request line. Stuck? pnpm course hint 1.1
  throw new Error('Exercise 1.1 is not done yet: parseRequestLine()');
  // #end
}

/** The request-target forms of RFC 9112 §3.2 that an origin server accepts. */
function isRequestTarget(method: string, target: string): boolean {
  // #exercise 1.1: Parse the request line. Stuck? pnpm course hint 1.1
  throw new Error('Exercise 1.1 is not done yet: isRequestTarget()');
  // #end
}
