import { errorHandler } from '@course/platform/errors';
import { docsRouter, documentedOnly, jsonBody, notFound } from '@course/platform/http';
import { accessLog, requestContext, type Logger } from '@course/platform/logging';
import express, { type Express } from 'express';
import type { Config } from './config';
import { createServices, provideServices, type ServiceOverrides } from './container';
import type { Database } from './database';
import openapi from './generated/openapi.json';
import type { PrismaClient } from './generated/prisma/client';
import { RegisterRoutes } from './generated/routes';
import { API_BASE, PROBLEM_TYPE_BASE } from './http/paths';
import { corsPolicy, securityHeaders } from './http/security.middleware';

export interface AppOptions {
  /** Validated configuration; there is no default, because the signing secret must come from outside. */
  config: Config;
  /** The caller connects it and closes it. */
  database: Database<PrismaClient>;
  logger: Logger;
  /** Replaces some of the services' parts, as tests do; the app never needs it. */
  overrides?: ServiceOverrides;
}

/**
 * Builds the Bookstore API without listening, so that tests can send requests to it without a socket. It is
 * chapter 2's pipeline from the library, with this chapter's security headers and CORS policy after the request
 * context and the access log, so that every response, errors and preflights included, carries them.
 */
export function createApp({ config, database, logger, overrides }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind N proxies that we run, req.ip is the address that the outermost one saw (X-Forwarded-For).
  app.set('trust proxy', config.trustProxyHops);
  provideServices(app, createServices(database.prisma, config, logger, overrides));

  app.use(requestContext());
  app.use(accessLog(logger));
  app.use(securityHeaders({ production: config.nodeEnv === 'production' }));
  app.use(corsPolicy(config.corsOrigins));
  app.use(docsRouter(openapi));

  const api = express.Router();
  api.use(documentedOnly(openapi));
  api.use(jsonBody());
  RegisterRoutes(api);
  app.use(API_BASE, api);

  app.use(notFound());
  app.use(errorHandler({ logger, problemTypeBase: PROBLEM_TYPE_BASE }));
  return app;
}
