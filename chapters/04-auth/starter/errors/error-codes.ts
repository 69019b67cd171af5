/** Every error code the API can answer with. Clients branch on these, so a code never changes meaning. */
export type ErrorCode =
  | 'MALFORMED_JSON'
  | 'VALIDATION_FAILED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'AUTHOR_NOT_FOUND'
  | 'AUTHOR_HAS_BOOKS'
  | 'BOOK_NOT_FOUND'
  | 'BOOK_ISBN_TAKEN'
  | 'AUTH_REQUIRED'
  | 'AUTH_HEADER_MALFORMED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'INVALID_CREDENTIALS'
  | 'REFRESH_TOKEN_INVALID'
  | 'PERMISSION_DENIED'
  | 'OWN_ROLES_LOCKED'
  | 'USER_NOT_FOUND'
  | 'TOO_MANY_LOGIN_ATTEMPTS'
  | 'INTERNAL';

export interface ErrorCodeInfo {
  status: number;
  title: string;
}

export const errorCodes: Record<ErrorCode, ErrorCodeInfo> = {
  MALFORMED_JSON: { status: 400, title: 'Malformed JSON' },
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Route not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  AUTHOR_NOT_FOUND: { status: 404, title: 'Author not found' },
  AUTHOR_HAS_BOOKS: { status: 409, title: 'Author still has books' },
  BOOK_NOT_FOUND: { status: 404, title: 'Book not found' },
  BOOK_ISBN_TAKEN: { status: 409, title: 'ISBN already taken' },
  AUTH_REQUIRED: { status: 401, title: 'Authentication required' },
  AUTH_HEADER_MALFORMED: { status: 401, title: 'Malformed Authorization header' },
  TOKEN_INVALID: { status: 401, title: 'Invalid access token' },
  TOKEN_EXPIRED: { status: 401, title: 'Access token expired' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'Invalid refresh token' },
  PERMISSION_DENIED: { status: 403, title: 'Permission denied' },
  OWN_ROLES_LOCKED: { status: 403, title: 'You cannot change your own roles' },
  USER_NOT_FOUND: { status: 404, title: 'User not found' },
  TOO_MANY_LOGIN_ATTEMPTS: { status: 429, title: 'Too many login attempts' },
  INTERNAL: { status: 500, title: 'Internal Server Error' },
};

/** The problem `type` URI of a code (RFC 9457 §3.1.1). `example` is a reserved domain (RFC 2606). */
export function problemType(code: ErrorCode): string {
  return `https://bookstore.example/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}
