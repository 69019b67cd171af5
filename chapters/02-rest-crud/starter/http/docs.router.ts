import express, { type Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/** The parts of an OpenAPI document that the app reads itself. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

/**
 * Serves the OpenAPI document at /openapi.json and Swagger UI, which renders it, at /docs/. Swagger UI's own
 * middleware answers every path below /docs with its page; here only /docs/ does, its assets are served as files,
 * and any other path falls through to the API's 404.
 */
export function docsRouter(document: OpenApiDocument): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // Swagger UI answers /docs/**/package.json with a text/plain 404 of its own; the API's 404 is problem+json.
  router.use('/docs', (req, _res, next) => next(req.path.endsWith('/package.json') ? 'router' : undefined));
  router.use('/docs', swaggerUi.serve);
  router.get('/docs/', swaggerUi.setup(document));
  return router;
}
