import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import type { OpenApiDocument } from './docs.router';

interface KnownPath {
  pattern: RegExp;
  methods: string[];
}

function knownPaths(document: OpenApiDocument): KnownPath[] {
  return Object.entries(document.paths).map(([template, operations]) => {
    const methods = Object.keys(operations).map((method) => method.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    // Express matches paths case-insensitively and ignores one trailing slash; so does this.
    const pattern = new RegExp(`^${template.replace(/\{[^}/]+\}/g, '[^/]+')}/?$`, 'i');
    return { pattern, methods };
  });
}

/** 404 ROUTE_NOT_FOUND for the request, naming the whole path (the base path included). */
function routeNotFound(req: Request): AppError {
  return new AppError({
    code: 'ROUTE_NOT_FOUND',
    message: `Nothing is at ${req.method} ${req.baseUrl}${req.path}.`,
  });
}

/**
 * Lets through only what the API documents, and answers the rest before the body parser runs: a path the document
 * does not list gets 404, and a method that a listed path does not have gets 405 and the methods it allows (RFC
 * 9110 §15.5.6). When the route is wrong, the body does not matter, so a PUT with a plain-text body gets 405, not
 * 415, and a large body sent to no route gets 404, not 413.
 */
export function documentedOnly(document: OpenApiDocument): RequestHandler {
  const paths = knownPaths(document);
  return (req, res, next) => {
    const known = paths.find(({ pattern }) => pattern.test(req.path));
    if (!known) throw routeNotFound(req);
    if (!known.methods.includes(req.method)) {
      res.setHeader('Allow', known.methods.join(', '));
      throw new AppError({
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${req.path}.`,
      });
    }
    next();
  };
}

/** Runs when no route matched: 404. (Under the API's base path, documentedOnly() answered first.) */
export function notFound(): RequestHandler {
  return (req) => {
    throw routeNotFound(req);
  };
}
