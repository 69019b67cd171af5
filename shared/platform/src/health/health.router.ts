import { Router } from 'express';

/** One dependency that must answer for the service to be ready: a database, a cache, a queue. */
export interface HealthCheck {
  name: string;
  check(): Promise<unknown>;
}

/** How {@link healthRouter} decides. */
export interface HealthOptions {
  checks: readonly HealthCheck[];
  /** How long each check may take; a dependency that hangs counts as down. 500 ms by default. */
  timeoutMs?: number;
  /** True from the first shutdown signal on: readiness fails before the server stops accepting. */
  isShuttingDown(): boolean;
}

/** Resolves with `ok` or a short reason; never rejects and never waits longer than `timeoutMs`. */
export async function runCheck(check: HealthCheck, timeoutMs: number): Promise<string> {
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
}

/**
 * `GET /livez` (the process can serve; checks nothing else, so an outage of a dependency does not restart every
 * replica) and `GET /readyz` (503 while shutting down or while a check fails or hangs; 200 with each check's
 * result otherwise). Both answer `Cache-Control: no-store`. Taught in chapter 7.
 */
export function healthRouter({ checks, timeoutMs = 500, isShuttingDown }: HealthOptions): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const results = await Promise.all(checks.map((check) => runCheck(check, timeoutMs)));
    const report = Object.fromEntries(checks.map((check, i) => [check.name, results[i]]));
    const ready = results.every((result) => result === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks: report });
  });
  return router;
}
