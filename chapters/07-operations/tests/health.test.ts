import { exercise, scaffold } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import { useTestRedis } from '@course/test-harness/redis';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import request from 'supertest';
import { runCheck } from '@target/health/health.router';
import { blackHole, closedPort, testApp } from './app';
import { MIGRATIONS } from './support';

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
const redis = useTestRedis();

const postgresCheck = () => ({ name: 'postgres', check: () => db.pool.query('SELECT 1') });
const redisCheck = (client = redis.client) => ({ name: 'redis', check: () => client.ping() });

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

scaffold('liveness', () => {
  it('When everything else is down, then /livez still answers 200: it checks only the process', async () => {
    const down = { name: 'postgres', check: () => Promise.reject(new Error('connection refused')) };
    const { app } = testApp(db.pool, [down]);
    const res = await request(app).get('/livez');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

exercise('7.2', () => {
  it('When PostgreSQL and Redis answer, then /readyz is 200 and reports each check', async () => {
    const { app } = testApp(db.pool, [postgresCheck(), redisCheck()]);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('When Redis is down, then /readyz is 503 and names Redis', async () => {
    const port = await closedPort();
    const down = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    try {
      const { app } = testApp(db.pool, [postgresCheck(), redisCheck(down)]);
      const res = await request(app).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unavailable');
      expect(res.body.checks.postgres).toBe('ok');
      expect(res.body.checks.redis).toMatch(/^failed/);
    } finally {
      // Disconnecting a client that has given up already would leave ioredis's 2 s timer for a socket that never
      // sends another 'close', and jest would wait for it.
      if (down.status !== 'end') down.disconnect();
    }
  });

  it('When PostgreSQL hangs, then /readyz answers 503 within its timeout instead of hanging with it', async () => {
    const hole = await blackHole();
    const hanging = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${hole.port}/x`, max: 1 });
    hanging.on('error', () => undefined);
    // Closed by afterEach, so that a readiness check that hangs fails this test instead of holding jest open.
    cleanups.push(async () => {
      await hole.close();
      await hanging.end().catch(() => undefined);
    });
    const { app } = testApp(hanging, [{ name: 'postgres', check: () => hanging.query('SELECT 1') }], 200);
    const started = Date.now();
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.postgres).toMatch(/200 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('When shutdown has begun, then /readyz is 503 even though every dependency answers', async () => {
    const { app, lifecycle } = testApp(db.pool, [postgresCheck(), redisCheck()]);
    lifecycle.shuttingDown = true;
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'shutting down' });
  });

  it('When a check never settles, then runCheck resolves with a reason after the timeout', async () => {
    const result = await runCheck({ name: 'stuck', check: () => new Promise(() => undefined) }, 50);
    expect(result).toBe('no answer within 50 ms');
  });

  it('When a check rejects, then runCheck resolves with its message instead of throwing', async () => {
    const result = await runCheck({ name: 'x', check: () => Promise.reject(new Error('boom')) }, 1_000);
    expect(result).toBe('failed: boom');
  });
});
