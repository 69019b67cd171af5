import type { RequestHandler, Response } from 'express';
import { etagOf, ifNoneMatchMatches } from './etag';

export interface HttpCachePolicy {
  /** How long a 200 may be reused without asking again. */
  maxAgeSeconds: number;
  /** How long a 404 may be reused: briefly, because the resource may be created any moment. */
  notFoundMaxAgeSeconds: number;
  /** Tag the body with a weak ETag (see etagOf). */
  weak?: boolean;
}

/** The Cache-Control of a response (RFC 9111 §5.2.2) with this status, to a request with or without credentials. */
export function cacheControl(status: number, authenticated: boolean, policy: HttpCachePolicy): string {
  // #exercise 5.5: HTTP caching with ETags. Stuck? pnpm course hint 5.5
  return 'no-store';
  // #end
}

/**
 * HTTP caching for GET and HEAD: tags each 200 with an ETag, answers a matching If-None-Match with 304 and no
 * body, and sets Cache-Control and Vary. Turn off Express's own ETags (`app.set('etag', false)`) to use it.
 */
export function httpCache(policy: HttpCachePolicy): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const send = res.send.bind(res);
    res.send = (body?: unknown): Response => {
      const authenticated = req.headers.authorization !== undefined;
      // #exercise 5.5: HTTP caching with ETags. Stuck? pnpm course hint 5.5
      // #end
      return send(body);
    };
    next();
  };
}
