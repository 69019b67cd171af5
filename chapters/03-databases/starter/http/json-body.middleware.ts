import express, { type RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

// application/merge-patch+json is the media type of JSON merge patches (RFC 7396), which PATCH accepts.
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** Refuses a body that is not JSON with 415 (RFC 9110 §15.5.16); requests without a body pass. */
function requireJson(): RequestHandler {
  return (req, _res, next) => {
    if (req.is(JSON_TYPES) === false) {
      throw new AppError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `Send the body as ${JSON_TYPES.join(' or ')}.`,
      });
    }
    next();
  };
}

/** Parses JSON request bodies of up to `limit`; a larger body is answered with 413. */
export function jsonBody(limit = '100kb'): RequestHandler[] {
  return [requireJson(), express.json({ limit, type: JSON_TYPES })];
}
