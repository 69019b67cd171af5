import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';
import { AppError, validationErrors, type FieldError } from '../errors/app-error';

/** The media types a JSON API accepts: JSON, and JSON merge patches for PATCH (RFC 7396). */
export const JSON_TYPES = ['application/json', 'application/merge-patch+json'];

/** How {@link jsonBody} parses. */
export interface JsonBodyOptions {
  /** The largest body accepted, in bytes or as `100kb`; a larger one gets 413. */
  limit?: string | number;
}

/**
 * Whether the request has content (RFC 9112 §6.3): a Transfer-Encoding, or a Content-Length above zero. Many
 * clients send `Content-Length: 0` on GET and DELETE; that is no body, and no media type to check.
 */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && Number(length) > 0;
}

/** Refuses content that is not JSON with 415 (RFC 9110 §15.5.16). TRACE is left to the 405 of documentedOnly(). */
function requireJson(): RequestHandler {
  return (req, _res, next) => {
    if (req.method !== 'TRACE' && hasBody(req) && req.is(JSON_TYPES) === false) {
      throw new AppError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `Send the body as ${JSON_TYPES.join(' or ')}.`,
      });
    }
    next();
  };
}

const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';

/** The fields under `path` whose name or string value holds a NUL character. */
function nulFields(value: unknown, path: string, found: FieldError[]): FieldError[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ field: path, message: NUL_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulFields(item, `${path}[${index}]`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push({ field: path, message: `${NUL_MESSAGE} in a property name` });
      else nulFields(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * Refuses a NUL character in any string of the JSON body or the query with 422. JSON and URLs can carry it, but
 * PostgreSQL's text types cannot store it, so it would otherwise fail deep in a query.
 */
export function rejectNulCharacters(): RequestHandler {
  return (req, _res, next) => {
    const errors = [...nulFields(req.query, 'query', []), ...nulFields(req.body, 'body', [])];
    if (errors.length > 0) {
      throw validationErrors(errors);
    }
    next();
  };
}

/** Names that every JavaScript object already has: toString, valueOf, constructor, __proto__, hasOwnProperty, … */
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The properties of the JSON value under `path` that are named like a member of every object. */
function shadowingFields(value: unknown, path: string, found: FieldError[]): FieldError[] {
  if (Array.isArray(value)) value.forEach((item, index) => shadowingFields(item, `${path}[${index}]`, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (OBJECT_MEMBERS.has(key)) {
        found.push({ field: `${path}.${key}`, message: 'is not an accepted property name' });
      } else shadowingFields(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * Refuses a JSON body with a property named like a member of every object (`toString`, `__proto__`, `constructor`,
 * …) with 422. JSON.parse makes them own properties, and code that meets such an object later breaks on it: a
 * `toString` that is not a function makes String(value) throw (tsoa's validation of a nullable field does that),
 * and `__proto__` is how prototype pollution begins. No API of the course has a field of such a name.
 */
export function rejectShadowingKeys(): RequestHandler {
  return (req, _res, next) => {
    const errors = shadowingFields(req.body, 'body', []);
    if (errors.length > 0) {
      throw validationErrors(errors);
    }
    next();
  };
}

/**
 * Parses JSON bodies of up to `limit` (413 beyond), refuses other media types with 415 when there is a body, and
 * refuses NUL characters in the body and the query, and property names such as `toString` or `__proto__`, with 422.
 * body-parser's errors (400 malformed JSON, 415 charset or Content-Encoding, 400 a body that is not encoded as it
 * says) are answered by errorHandler().
 */
export function jsonBody({ limit = '100kb' }: JsonBodyOptions = {}): RequestHandler[] {
  return [
    requireJson(),
    express.json({ limit, type: JSON_TYPES }),
    rejectNulCharacters(),
    rejectShadowingKeys(),
  ];
}
