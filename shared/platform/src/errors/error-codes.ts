/** What a stable error code means over HTTP: its status and the problem's `title` (RFC 9457 §3.1.4). */
export interface ErrorCodeInfo {
  /** An HTTP error status, 400 to 599. */
  status: number;
  /** A short summary of the kind of problem; the same for every occurrence. */
  title: string;
}

/**
 * Every error code the API can answer with, as a type. A chapter adds its own codes by declaration merging (the
 * value type does not matter) and registers them at run time with {@link defineErrorCodes}:
 *
 * @example
 * declare module '@course/platform/errors' {
 *   interface ErrorCodes {
 *     BOOK_NOT_FOUND: true;
 *   }
 * }
 * defineErrorCodes({ BOOK_NOT_FOUND: { status: 404, title: 'Book not found' } });
 */
export interface ErrorCodes {
  BAD_REQUEST: true;
  MALFORMED_JSON: true;
  VALIDATION_FAILED: true;
  UNSUPPORTED_MEDIA_TYPE: true;
  PAYLOAD_TOO_LARGE: true;
  ROUTE_NOT_FOUND: true;
  METHOD_NOT_ALLOWED: true;
  REQUEST_TIMEOUT: true;
  HEADERS_TOO_LARGE: true;
  INTERNAL: true;
}

/** A registered error code. Clients branch on these, so a code never changes meaning once published. */
export type ErrorCode = Extract<keyof ErrorCodes, string>;

/** The codes that every API has: the library's own middleware answers with them. */
export const BASE_ERROR_CODES = {
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Route not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  INTERNAL: { status: 500, title: 'Internal Server Error' },
} as const satisfies Record<string, ErrorCodeInfo>;

const registry = new Map<string, ErrorCodeInfo>(Object.entries(BASE_ERROR_CODES));

const CODE = /^[A-Z][A-Z0-9_]*$/;

/**
 * Registers error codes at run time (declare their types on {@link ErrorCodes}). Registering a code again with the
 * same status and title is harmless; with a different meaning it throws, because a code must mean one thing.
 *
 * @returns the codes it was given, so a module can export them.
 */
export function defineErrorCodes<const C extends Record<string, ErrorCodeInfo>>(codes: C): C {
  for (const [code, info] of Object.entries(codes)) {
    if (!CODE.test(code)) throw new TypeError(`error code "${code}" must be UPPER_SNAKE_CASE`);
    if (!Number.isInteger(info.status) || info.status < 400 || info.status > 599) {
      throw new TypeError(`error code ${code} needs an error status from 400 to 599, not ${info.status}`);
    }
    if (info.title.trim() === '') throw new TypeError(`error code ${code} needs a title`);
    const known = registry.get(code);
    if (known && (known.status !== info.status || known.title !== info.title)) {
      throw new TypeError(
        `error code ${code} is already registered as ${known.status} "${known.title}"; a code must keep its meaning`,
      );
    }
    registry.set(code, { status: info.status, title: info.title });
  }
  return codes;
}

/** The status and title of a registered code; throws for a code that nobody registered. */
export function errorCodeInfo(code: ErrorCode): ErrorCodeInfo {
  const info = registry.get(code);
  if (!info) throw new TypeError(`error code ${code} is not registered; call defineErrorCodes() first`);
  return info;
}

/** Whether a code is registered at run time. */
export function isErrorCode(code: string): code is ErrorCode {
  return registry.has(code);
}

/**
 * The problem `type` URI of a code (RFC 9457 §3.1.1): the base URI followed by the code in kebab case, for example
 * `https://bookstore.example/problems/` and BOOK_NOT_FOUND give `https://bookstore.example/problems/book-not-found`.
 */
export function problemType(problemTypeBase: string, code: ErrorCode): string {
  const base = problemTypeBase.endsWith('/') ? problemTypeBase : `${problemTypeBase}/`;
  return `${base}${code.toLowerCase().replace(/_/g, '-')}`;
}
