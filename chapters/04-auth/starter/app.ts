import express, { type Express } from 'express';
import type { Logger } from 'winston';
import type { Config } from './config';
import { createServices, provideServices } from './container';
import type { PrismaClient } from './db/prisma';
import { errorHandler } from './errors/error.middleware';
import openapi from './generated/openapi.json';
import { RegisterRoutes } from './generated/routes';
import { docsRouter } from './http/docs.router';
import { jsonBody } from './http/json-body.middleware';
import { notFound } from './http/not-found.middleware';
import { API_BASE } from './http/paths';
import { corsPolicy, securityHeaders } from './http/security.middleware';
import { accessLog } from './logging/access-log.middleware';
import { createLogger } from './logging/logger';
import { requestId } from './logging/request-id.middleware';

export interface AppOptions {
  /** Validated configuration; there is no default, because the signing secret must come from outside. */
  config: Config;
  /** The caller connects it and disconnects it. */
  prisma: PrismaClient;
  /** A console logger at the configured level by default. */
  logger?: Logger;
}

/** Builds the Bookstore API without listening, so that tests can send requests to it without a socket. */
export function createApp({ config, prisma, logger }: AppOptions): Express {
  const log = logger ?? createLogger({ level: config.logLevel });

  const app = express();
  app.disable('x-powered-by');
  // Behind N proxies that we run, req.ip is the address that the outermost one saw (X-Forwarded-For).
  app.set('trust proxy', config.trustProxyHops);
  provideServices(app, createServices(prisma, config, log));

  app.use(requestId());
  app.use(accessLog(log));
  app.use(securityHeaders({ production: config.nodeEnv === 'production' }));
  app.use(corsPolicy(config.corsOrigins));
  app.use(docsRouter(openapi));

  const api = express.Router();
  api.use(jsonBody());
  RegisterRoutes(api);
  app.use(API_BASE, api);

  app.use(notFound(openapi, API_BASE));
  app.use(errorHandler(log));
  return app;
}
