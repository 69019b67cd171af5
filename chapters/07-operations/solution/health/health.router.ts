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
  // #exercise 7.2
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  const result = check.check().then(
    () => 'ok',
    (error: unknown) => `failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  try {
    return await Promise.race([result, timeout]);
  } finally {
    clearTimeout(timer);
  }
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
    // #exercise 7.2
    if (lifecycle.shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
    const report = Object.fromEntries(checks.map((check, i) => [check.name, results[i]]));
    const ready = results.every((result) => result === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks: report });
    // #end
  });
  return router;
}
