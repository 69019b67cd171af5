import type { RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import type { OpenApiDocument } from './docs.router';

interface KnownPath {
  pattern: RegExp;
  methods: string[];
}

function knownPaths(document: OpenApiDocument, basePath: string): KnownPath[] {
  return Object.entries(document.paths).map(([template, operations]) => {
    const methods = Object.keys(operations).map((method) => method.toUpperCase());
    if (methods.includes('GET')) methods.push('HEAD');
    // Express matches paths case-insensitively and ignores one trailing slash; so does this.
    const pattern = new RegExp(`^${basePath}${template.replace(/\{[^}/]+\}/g, '[^/]+')}/?$`, 'i');
    return { pattern, methods };
  });
}

/**
 * Runs when no route matched. A path that the API documents under other methods gets 405 with the
 * methods it allows (RFC 9110 §15.5.6); any other path gets 404.
 */
export function notFound(document: OpenApiDocument, basePath: string): RequestHandler {
  const paths = knownPaths(document, basePath);
  return (req, res) => {
    const known = paths.find(({ pattern }) => pattern.test(req.path));
    if (known) {
      res.setHeader('Allow', known.methods.join(', '));
      throw new AppError({
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${req.path}.`,
      });
    }
    throw new AppError({ code: 'ROUTE_NOT_FOUND', message: `Nothing is at ${req.method} ${req.path}.` });
  };
}
