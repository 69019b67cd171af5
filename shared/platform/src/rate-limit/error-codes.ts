import { defineErrorCodes } from '../errors/error-codes';

declare module '../errors/error-codes' {
  interface ErrorCodes {
    RATE_LIMITED: true;
    RATE_LIMIT_UNAVAILABLE: true;
    TOO_MANY_LOGIN_ATTEMPTS: true;
  }
}

/** The codes this module answers with; importing the module registers them. */
export const RATE_LIMIT_ERROR_CODES = defineErrorCodes({
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  RATE_LIMIT_UNAVAILABLE: { status: 503, title: 'Rate limiting unavailable' },
  TOO_MANY_LOGIN_ATTEMPTS: { status: 429, title: 'Too many login attempts' },
});
