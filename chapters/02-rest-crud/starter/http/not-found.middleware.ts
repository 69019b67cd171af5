import type { RequestHandler } from 'express';
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

/**
 * Answers a path that the API documents under other methods with 405 and the methods it allows (RFC 9110
 * §15.5.6). It runs before the body parser: when the method is wrong, the body does not matter, so a PUT with
 * a plain-text body gets 405, not 415.
 */
export function methodNotAllowed(document: OpenApiDocument): RequestHandler {
  const paths = knownPaths(document);
  return (req, res, next) => {
    const known = paths.find(({ pattern }) => pattern.test(req.path));
    if (known && !known.methods.includes(req.method)) {
      res.setHeader('Allow', known.methods.join(', '));
      throw new AppError({
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${req.path}.`,
      });
    }
    next();
  };
}

/** Runs when no route matched: 404. (A method that a known path does not have got its 405 before.) */
export function notFound(): RequestHandler {
  return (req) => {
    throw new AppError({ code: 'ROUTE_NOT_FOUND', message: `Nothing is at ${req.method} ${req.path}.` });
  };
}
