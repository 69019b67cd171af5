import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { PrismaClient } from '../database/prisma';

export interface HealthOptions {
  prisma: PrismaClient;
  redis: Redis;
  /** True once shutdown has begun: the load balancer should stop sending traffic before the server closes. */
  isShuttingDown(): boolean;
}

const PROBE_TIMEOUT_MS = 1_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/**
 * /livez: the process runs and serves HTTP (restart it if not). /readyz: it can do its work now, because
 * PostgreSQL and Redis answer and it is not shutting down (send it traffic only then). Kubernetes' probe names.
 */
export function healthRouter({ prisma, redis, isShuttingDown }: HealthOptions): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, cache] = await Promise.allSettled([
      within(prisma.$queryRaw`SELECT 1`, PROBE_TIMEOUT_MS),
      within(redis.ping(), PROBE_TIMEOUT_MS),
    ]);
    const checks = {
      database: database.status === 'fulfilled' ? 'ok' : 'failing',
      redis: cache.status === 'fulfilled' ? 'ok' : 'failing',
      shutdown: isShuttingDown() ? 'in progress' : 'no',
    };
    const ready = checks.database === 'ok' && checks.redis === 'ok' && !isShuttingDown();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  });
  return router;
}
