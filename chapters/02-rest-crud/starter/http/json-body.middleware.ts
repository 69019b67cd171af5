import express, { type Request, type RequestHandler } from 'express';
import { AppError, validationErrors, type FieldError } from '../errors/app-error';

// application/merge-patch+json is the media type of JSON merge patches (RFC 7396), which PATCH accepts.
const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** The methods whose body this API reads. The content of a GET or DELETE has no meaning here (RFC 9110 §9.3). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Whether the request carries content. `Content-Length: 0`, which many clients send on DELETE, is no content. */
function hasContent(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Names that every JavaScript object already has: toString, valueOf, constructor, __proto__, hasOwnProperty, … */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The properties of the JSON value under `path`, at any depth, that are named like a member of every object. */
function shadowingFields(value: unknown, path: string, found: FieldError[] = []): FieldError[] {
  if (Array.isArray(value)) value.forEach((item, index) => shadowingFields(item, `${path}[${index}]`, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (OBJECT_MEMBERS.has(key))
        found.push({ field: `${path}.${key}`, message: 'is not an accepted property name' });
      else shadowingFields(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * Parses JSON request bodies of up to `limit`; a larger body is answered with 413, and a body that is not JSON
 * with 415 (RFC 9110 §15.5.16). Requests without content, and methods that take none, pass untouched: there is no
 * media type to check.
 *
 * A property named like a member of every object (`toString`, `__proto__`, `constructor`, …) is answered with 422.
 * JSON.parse makes such names own properties, and code that meets the object later breaks on them: a `toString`
 * that is not a function makes String(value) throw (tsoa's check of a nullable field calls it), and `__proto__` is
 * where prototype pollution starts. No field of this API has such a name.
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
    parse(req, res, (error?: unknown) => {
      if (error) return next(error);
      const errors = shadowingFields(req.body, 'body');
      next(errors.length === 0 ? undefined : validationErrors(errors));
    });
  };
}
