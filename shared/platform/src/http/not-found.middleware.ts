import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors/app-error';
import type { OpenApiDocument } from './openapi';

interface KnownPath {
  pattern: RegExp;
  methods: string[];
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function knownPaths(document: OpenApiDocument): KnownPath[] {
  return Object.entries(document.paths).map(([template, operations]) => {
    const methods = Object.keys(operations)
      .filter((method) => HTTP_METHODS.has(method))
      .map((method) => method.toUpperCase());
    if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
    // Express matches paths case-insensitively and ignores one trailing slash; so does this.
    const path = template
      .split(/\{[^}/]+\}/)
      .map(escapeRegExp)
      .join('[^/]+');
    return { pattern: new RegExp(`^${path}/?$`, 'i'), methods };
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
 * Lets through only what the document has an operation for, and answers the rest before anything reads the body:
 * a path the document does not list gets 404 ROUTE_NOT_FOUND, and a method that a listed path does not have gets
 * 405 METHOD_NOT_ALLOWED with the methods it allows (RFC 9110 §15.5.6). Either is the answer whatever the body is,
 * so a PUT with a plain-text body gets 405, not 415, and a large body sent to no operation gets 404, not 413. TRACE
 * is never served. Mount it before jsonBody(), in the router that is mounted at the document's base path, so that
 * `req.path` is the path as the document writes it.
 *
 * @param document the OpenAPI document the API serves
 */
export function documentedOnly(document: OpenApiDocument): RequestHandler {
  const paths = knownPaths(document);
  return (req, _res, next) => {
    const known = paths.find(({ pattern }) => pattern.test(req.path));
    if (!known) throw routeNotFound(req);
    if (!known.methods.includes(req.method)) {
      throw new AppError({
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${req.path}.`,
        headers: { Allow: known.methods.join(', ') },
      });
    }
    next();
  };
}

/** Runs when no route matched: 404 ROUTE_NOT_FOUND. (Under the API's base path, documentedOnly() answered first.) */
export function notFound(): RequestHandler {
  return (req) => {
    throw routeNotFound(req);
  };
}
