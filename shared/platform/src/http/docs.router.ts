import express, { type Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { OpenApiDocument } from './openapi';

/**
 * Serves the OpenAPI document at /openapi.json and Swagger UI, which renders it, at /docs/ (/docs redirects there).
 * Only Swagger UI's own files are served under /docs/; any other path falls through to notFound(), so that it gets
 * a problem+json 404 like every other unknown path.
 */
export function docsRouter(document: OpenApiDocument): Router {
  const router = express.Router({ strict: true });
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (req, res) => {
    res.redirect(301, `${req.baseUrl}/docs/`);
  });
  const page = swaggerUi.setup(document);
  router.get(['/docs/', '/docs/index.html'], page);
  // swagger-ui-express answers /package.json itself, with a plain-text 404; leave that path to notFound().
  router.use('/docs', (req, _res, next) => next(req.path.endsWith('/package.json') ? 'router' : undefined));
  // serveFiles() serves swagger-ui-init.js for this document (not a process-wide one) and swagger-ui-dist's files.
  router.use('/docs', ...swaggerUi.serveFiles(document));
  return router;
}
