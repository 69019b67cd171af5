/** Every error code the API can answer with. Clients branch on these, so a code never changes meaning. */
export type ErrorCode =
  | 'MALFORMED_REQUEST'
  | 'MALFORMED_PATH'
  | 'MALFORMED_BODY'
  | 'MALFORMED_JSON'
  | 'VALIDATION_FAILED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'AUTHOR_NOT_FOUND'
  | 'AUTHOR_HAS_BOOKS'
  | 'BOOK_NOT_FOUND'
  | 'BOOK_ISBN_TAKEN'
  | 'INTERNAL';

export interface ErrorCodeInfo {
  status: number;
  title: string;
}

export const errorCodes: Record<ErrorCode, ErrorCodeInfo> = {
  MALFORMED_REQUEST: { status: 400, title: 'Malformed request' },
  MALFORMED_PATH: { status: 400, title: 'Malformed path' },
  MALFORMED_BODY: { status: 400, title: 'Malformed body' },
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Route not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  AUTHOR_NOT_FOUND: { status: 404, title: 'Author not found' },
  AUTHOR_HAS_BOOKS: { status: 409, title: 'Author still has books' },
  BOOK_NOT_FOUND: { status: 404, title: 'Book not found' },
  BOOK_ISBN_TAKEN: { status: 409, title: 'ISBN already taken' },
  INTERNAL: { status: 500, title: 'Internal Server Error' },
};

/** The problem `type` URI of a code (RFC 9457 §3.1.1). `example` is a reserved domain (RFC 2606). */
export function problemType(code: ErrorCode): string {
  return `https://bookstore.example/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
