import type { Request, RequestHandler, Router } from 'express';
import express from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The service's metrics: one registry, so that tests and several apps in one process do not share series. */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  /** Times every request; mount it before the routes. */
  middleware: RequestHandler;
  /** Serves GET /metrics in Prometheus's text format. */
  router: Router;
}

/** The label for a request that no route matched: every such URL shares it. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The pattern of the route that served the request (`/books/:id`), never the URL itself: a label value per URL
 * would create a new time series for every id anyone sends, until Prometheus runs out of memory. The pattern is
 * relative to the router that holds the route: by 'finish', Express has already restored req.baseUrl when the
 * route failed and the error handler answered.
 */
export function routeLabel(req: Request): string {
  // #exercise 7.4
  // Express sets req.route to the route that matched; requests that no route matched all share one label.
  return req.route ? String(req.route.path) : UNMATCHED_ROUTE;
  // #end
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Process metrics (CPU, memory, event-loop lag, GC), prefixed the way Prometheus expects.
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'How long requests took, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  const middleware: RequestHandler = (req, res, next) => {
    // #exercise 7.4
    const end = requestDuration.startTimer();
    // 'finish' comes after the routes ran, so req.route is known by then.
    res.once('finish', () => {
      end({ method: req.method, route: routeLabel(req), status_code: String(res.statusCode) });
    });
    next();
    // #starter
    // next();
    // #end
  };

  const router = express.Router();
  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return { registry, requestDuration, middleware, router };
}
