import { defineErrorCodes } from '@course/platform/errors';

declare module '@course/platform/errors' {
  interface ErrorCodes {
    CREDENTIALS_INVALID: true;
    USERNAME_TAKEN: true;
    EMAIL_TAKEN: true;
    PROFILE_NOT_FOUND: true;
    ARTICLE_NOT_FOUND: true;
    COMMENT_NOT_FOUND: true;
    ARTICLE_FORBIDDEN: true;
    COMMENT_FORBIDDEN: true;
    TOO_MANY_REQUESTS: true;
  }
}

/** Conduit's error codes, on top of the library's base and auth codes (AUTH_REQUIRED, TOKEN_INVALID, ...). */
export const CONDUIT_ERROR_CODES = defineErrorCodes({
  CREDENTIALS_INVALID: { status: 401, title: 'Invalid email or password' },
  USERNAME_TAKEN: { status: 409, title: 'Username already taken' },
  EMAIL_TAKEN: { status: 409, title: 'Email already taken' },
  PROFILE_NOT_FOUND: { status: 404, title: 'Profile not found' },
  ARTICLE_NOT_FOUND: { status: 404, title: 'Article not found' },
  COMMENT_NOT_FOUND: { status: 404, title: 'Comment not found' },
  ARTICLE_FORBIDDEN: { status: 403, title: 'Not the author of the article' },
  COMMENT_FORBIDDEN: { status: 403, title: 'Not the author of the comment' },
  TOO_MANY_REQUESTS: { status: 429, title: 'Too many requests' },
});
