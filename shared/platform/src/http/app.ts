import express, { type Express, type Router } from 'express';
import { errorHandler } from '../errors/error.middleware';
import { accessLog } from '../logging/access-log.middleware';
import type { Logger } from '../logging/logger';
import { requestContext } from '../logging/request-context';
import { docsRouter } from './docs.router';
import { jsonBody } from './json-body.middleware';
import { documentedOnly, notFound } from './not-found.middleware';
import type { OpenApiDocument } from './openapi';
import { corsPolicy, securityHeaders } from './security.middleware';

/** What {@link buildApp} assembles. */
export interface BuildAppOptions {
  logger: Logger;
  /** The document the API serves at /openapi.json; documentedOnly() reads its paths to answer 404 and 405. */
  openapi: OpenApiDocument;
  /** The prefix of every API route, such as `/api/v1`, so that a v2 can run beside v1 while clients move over. */
  basePath: string;
  /** The base of every problem's `type` URI, such as `https://bookstore.example/problems/`. */
  problemTypeBase: string;
  /** Adds the routes to the router mounted at `basePath`: tsoa's generated `RegisterRoutes`, usually. */
  registerRoutes(router: Router): void;
  /** Runs first, on the bare app: the place to provide services to controllers or set app settings. */
  configure?(app: Express): void;
  /** The largest JSON body accepted; 100kb by default. */
  jsonLimit?: string | number;
  /** Helmet's security headers and CORS for the listed origins (taught in chapter 4); off when absent. */
  security?: { production: boolean; corsOrigins: readonly string[] };
  /** How many proxies in front of the app may be believed about the client's address (X-Forwarded-For). */
  trustProxyHops?: number;
}

/**
 * Builds an Express app with the standard pipeline, without listening, so that tests can send requests to it with
 * no socket: request context (id and log context), access log, security headers and CORS (when asked), docs, then
 * under `basePath` the 405 of a method the path does not have, the JSON body parser and the routes, then notFound()
 * and errorHandler().
 */
export function buildApp(options: BuildAppOptions): Express {
  const { logger, openapi, basePath, problemTypeBase } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxyHops !== undefined) app.set('trust proxy', options.trustProxyHops);
  options.configure?.(app);

  app.use(requestContext());
  app.use(accessLog(logger));
  if (options.security) {
    app.use(securityHeaders({ production: options.security.production }));
    app.use(corsPolicy(options.security.corsOrigins));
  }
  app.use(docsRouter(openapi));

  const api = express.Router();
  api.use(documentedOnly(openapi));
  api.use(jsonBody({ limit: options.jsonLimit }));
  options.registerRoutes(api);
  app.use(basePath, api);

  app.use(notFound());
  app.use(errorHandler({ logger, problemTypeBase }));
  return app;
}
