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
  // #exercise 5.5
  // Only success and "not found" are worth keeping; an error, a 5xx above all, must not outlive its cause.
  const maxAge =
    status === 200 || status === 304
      ? policy.maxAgeSeconds
      : status === 404
        ? policy.notFoundMaxAgeSeconds
        : 0;
  if (maxAge === 0) return 'no-store';
  // A response to a request with credentials is that caller's: a shared cache (a CDN, a proxy) must not store it.
  return `${authenticated ? 'private' : 'public'}, max-age=${maxAge}`;
  // #starter
  // return 'no-store';
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
      // #exercise 5.5
      // The response depends on who asks: a cache must key it by Authorization too (RFC 9110 §12.5.5).
      res.vary('Authorization');
      if (res.statusCode === 200 && (typeof body === 'string' || Buffer.isBuffer(body))) {
        const etag = etagOf(body, { weak: policy.weak });
        res.setHeader('ETag', etag);
        // Express drops the body and its headers of a 304 itself.
        if (ifNoneMatchMatches(req.headers['if-none-match'], etag)) res.status(304);
      }
      res.setHeader('Cache-Control', cacheControl(res.statusCode, authenticated, policy));
      // #starter
      // #end
      return send(body);
    };
    next();
  };
}
