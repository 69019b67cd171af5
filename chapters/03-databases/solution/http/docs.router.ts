import express, { type Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/** The parts of an OpenAPI document that the app reads itself. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

/** Serves the OpenAPI document at /openapi.json and Swagger UI, which renders it, at /docs. */
export function docsRouter(document: OpenApiDocument): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document));
  return router;
}
