import express from 'express';
import request from 'supertest';
import { healthRouter, runCheck, type HealthCheck } from './index';

const ok: HealthCheck = { name: 'db', check: () => Promise.resolve() };
const down: HealthCheck = { name: 'cache', check: () => Promise.reject(new Error('refused')) };
const hangs: HealthCheck = { name: 'queue', check: () => new Promise(() => undefined) };

function app(checks: HealthCheck[], shuttingDown = false) {
  return express().use(healthRouter({ checks, timeoutMs: 50, isShuttingDown: () => shuttingDown }));
}

describe('health', () => {
  it('When a dependency is down, then /livez is still 200 and /readyz is 503 naming it', async () => {
    await request(app([ok, down]))
      .get('/livez')
      .expect(200, { status: 'ok' });
    const res = await request(app([ok, down])).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', checks: { db: 'ok', cache: 'failed: refused' } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('When every check answers, then /readyz is 200', async () => {
    await request(app([ok]))
      .get('/readyz')
      .expect(200, { status: 'ok', checks: { db: 'ok' } });
  });

  it('When a check hangs, then /readyz answers 503 after the timeout', async () => {
    const res = await request(app([ok, hangs])).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.queue).toBe('no answer within 50 ms');
  });

  it('When shutdown has begun, then /readyz is 503 although every check answers', async () => {
    await request(app([ok], true))
      .get('/readyz')
      .expect(503, { status: 'shutting down' });
  });

  it('When a check rejects, then runCheck resolves with its message', async () => {
    await expect(runCheck(down, 1_000)).resolves.toBe('failed: refused');
  });
});
