import express, { type Request, type RequestHandler } from 'express';
import { AppError } from '../errors/app-error';

// application/merge-patch+json is the media type of JSON merge patches (RFC 7396), which PATCH accepts.
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** The methods whose body this API reads. The content of a GET or DELETE has no meaning here (RFC 9110 §9.3). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request carries content. `Content-Length: 0`, which many clients send on DELETE, is no content. */
function hasContent(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Parses JSON request bodies of up to `limit`; a larger body is answered with 413, and a body that is not JSON
 * with 415 (RFC 9110 §15.5.16). Requests without content, and methods that take none, pass untouched: there is no
 * media type to check.
 */
export function jsonBody(limit = '100kb'): RequestHandler {
  const parse = express.json({ limit, type: JSON_TYPES });
  return (req, res, next) => {
    if (!BODY_METHODS.has(req.method) || !hasContent(req)) return next();
    if (req.is(JSON_TYPES) === false) {
      throw new AppError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `Send the body as ${JSON_TYPES.join(' or ')}.`,
      });
    }
    parse(req, res, next);
  };
}
