import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's security headers on every response: a Content-Security-Policy, HSTS, nosniff, frame and referrer
 * policies. Its default CSP already lets Swagger UI run at /docs: the page loads its scripts from this origin and
 * uses inline styles only. Outside production the app is served over plain HTTP, where
 * `upgrade-insecure-requests` would send Swagger UI's requests to an https:// port that nobody listens on.
 */
export function securityHeaders({ production }: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: production ? [] : null } },
  });
}

/**
 * CORS for the listed origins only. A browser script from any other origin gets no CORS headers at all, so the
 * browser keeps the response from it. This is not access control: other clients ignore CORS entirely.
 */
export function corsPolicy(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  const withCors = cors({
    origin: true,
    exposedHeaders: ['Location', 'Retry-After', 'WWW-Authenticate', 'X-Request-Id'],
    maxAge: 600,
  });
  return (req, res, next) => {
    // The answer depends on Origin, so a shared cache must keep one copy per origin.
    res.vary('Origin');
    const origin = req.get('Origin');
    if (origin !== undefined && allowed.has(origin)) withCors(req, res, next);
    else next();
  };
}
