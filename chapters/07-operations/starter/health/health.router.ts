import { Router } from 'express';
import type { Lifecycle } from './lifecycle';

/** One dependency that must answer for the service to be ready: PostgreSQL, Redis. */
export interface HealthCheck {
  name: string;
  check(): Promise<unknown>;
}

export interface HealthOptions {
  checks: readonly HealthCheck[];
  /** How long each check may take; a dependency that hangs is as unready as one that is down. */
  timeoutMs: number;
  lifecycle: Lifecycle;
}

/** Resolves with "ok" or a short reason; never rejects, and never waits longer than `timeoutMs`. */
export async function runCheck(check: HealthCheck, timeoutMs: number): Promise<string> {
  // #exercise 7.2: Report liveness and readiness. Stuck? pnpm course hint 7.2
  throw new Error('Exercise 7.2 is not done yet: runCheck()');
  // #end
}

/**
 * `/livez`: is this process able to serve at all? It checks nothing else, because restarting the process would
 * not fix a database outage (and restarting every replica at once would make it worse).
 * `/readyz`: should traffic be sent here now? No while a dependency is down or slow, and no as soon as shutdown
 * begins, so that the load balancer moves traffic away before the server stops accepting.
 */
export function healthRouter({ checks, timeoutMs, lifecycle }: HealthOptions): Router {
  const router = Router();
  router.use((_req, res, next) => {
    // A cached probe answer is a wrong answer.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    // #exercise 7.2: Report liveness and readiness. Stuck? pnpm course hint 7.2
    throw new Error('Exercise 7.2 is not done yet: healthRouter()');
    // #end
  });
  return router;
}
