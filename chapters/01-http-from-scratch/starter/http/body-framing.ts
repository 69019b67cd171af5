import { HttpError } from './http.error';
import type { Limits } from './http.limits';
import type { Framing, RequestHead } from './http.types';
import { headerTokens } from './header-fields';

const HEX = /^[0-9A-Fa-f]+$/;

/** How the body of a request is delimited: RFC 9112 §6.3, in the order that section gives. */
export function framingOf(head: RequestHead, limits: Limits): Framing {
  // #exercise 1.3: Frame the request body. Stuck? pnpm course hint 1.3
  // Until exercise 1.3, no request has a body.
  return { kind: 'none' };
  // #end
}

/** Content-Length = 1*DIGIT (RFC 9110 §8.6), sent once. */
export function parseContentLength(values: string[]): number {
  // #exercise 1.3: Frame the request body. Stuck? pnpm course hint 1.3
  throw new Error('Exercise 1.3 is not done yet: parseContentLength()');
  // #end
}

/** chunk-size [ chunk-ext ] (RFC 9112 §7.1): the size in hex, then extensions that we ignore. */
export function parseChunkSize(line: string, received: number, limits: Limits): number {
  // #exercise 1.3: Frame the request body. Stuck? pnpm course hint 1.3
  throw new Error('Exercise 1.3 is not done yet: parseChunkSize()');
  // #end
}
