import type { RequestHandler } from 'express';
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

function knownPaths(document: OpenApiDocument, basePath: string): KnownPath[] {
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
    return { pattern: new RegExp(`^${escapeRegExp(basePath)}${path}/?$`, 'i'), methods };
  });
}

/**
 * Runs when no route matched. A path that the document lists under other methods gets 405 METHOD_NOT_ALLOWED with
 * the methods it allows (RFC 9110 §15.5.6); any other path gets 404 ROUTE_NOT_FOUND. TRACE is never served.
 *
 * @param document the OpenAPI document the API serves
 * @param basePath the prefix of every documented path, such as `/api/v1`
 */
export function notFound(document: OpenApiDocument, basePath: string): RequestHandler {
  const paths = knownPaths(document, basePath);
  return (req, _res) => {
    const known = paths.find(({ pattern }) => pattern.test(req.path));
    if (known) {
      throw new AppError({
        code: 'METHOD_NOT_ALLOWED',
        message: `${req.method} is not allowed on ${req.path}.`,
        headers: { Allow: known.methods.join(', ') },
      });
    }
    throw new AppError({ code: 'ROUTE_NOT_FOUND', message: `Nothing is at ${req.method} ${req.path}.` });
  };
}
