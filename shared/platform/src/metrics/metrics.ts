import type { Request, RequestHandler, Router } from 'express';
import express from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** A service's metrics, on a registry of its own (tests and several apps in one process do not share series). */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Times every request; mount it before the routes. */
  middleware: RequestHandler;
  /** Serves `GET /metrics` in Prometheus's text format. */
  router: Router;
}

/** The route label of every request that no route matched. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The pattern of the route that served the request (`/books/:id`), never the URL: a label per URL creates a time
 * series per id anyone sends. Relative to the route's router, because Express restores `req.baseUrl` before an
 * error handler answers.
 */
export function routeLabel(req: Request): string {
  return req.route ? String(req.route.path) : UNMATCHED_ROUTE;
}

/** How {@link createMetrics} sets up. */
export interface MetricsOptions {
  /** Histogram buckets in seconds; prom-client's web defaults when absent. */
  buckets?: number[];
  /** Process metrics (CPU, memory, event-loop lag, GC); on by default. */
  defaultMetrics?: boolean;
}

/**
 * prom-client with the default process metrics and `http_request_duration_seconds`, labelled by method, route
 * pattern and status code. Taught in chapter 7.
 */
export function createMetrics({ buckets, defaultMetrics = true }: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (defaultMetrics) collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'How long requests took, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    ...(buckets && { buckets }),
    registers: [registry],
  });
  const middleware: RequestHandler = (req, res, next) => {
    const end = requestDuration.startTimer();
    res.once('finish', () => {
      end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
  };
  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return { registry, requestDuration, middleware, router };
}
