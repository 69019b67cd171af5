import { exercise } from '@course/test-harness';
import { memoryLogger } from '@course/test-harness/logs';
import { expectProblem } from '@course/test-harness/problems';
import { useTestRedis } from '@course/test-harness/redis';
import { errorHandler } from '@course/platform/errors';
import express, { type Request } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { clientKey } from '@target/rate-limit/client-key';
import { FixedWindowLimiter } from '@target/rate-limit/fixed-window.limiter';
import { rateLimit, type RateLimitOptions } from '@target/rate-limit/rate-limit.middleware';
import { createRedisClient } from '@target/redis/redis-client';
import { startRedisServer, type OwnRedisServer } from './support/redis-server';

const redis = useTestRedis();
let counter = 0;
const PROBLEMS = 'https://bookstore.example/problems/';

/** The user a test request claims; the Bookstore verifies a bearer token instead (see bookstore tests). */
const testUser = (req: Request) => req.get('X-Test-User');

function appWith(
  client: Redis,
  options: Partial<RateLimitOptions> & { limit?: number; trustProxy?: number } = {},
) {
  const { logger, logs } = memoryLogger();
  const limiter = new FixedWindowLimiter({
    redis: client,
    prefix: `rl:mw:${++counter}`,
    limit: options.limit ?? 3,
    windowMs: 60_000,
  });
  const app = express();
  app.set('trust proxy', options.trustProxy ?? 0);
  app.use(
    rateLimit({
      limiter,
      policy: 'api',
      keyOf: clientKey(testUser),
      onUnavailable: 'open',
      timeoutMs: 150,
      logger,
      ...options,
    }),
  );
  app.get('/books', (_req, res) => {
    res.json([]);
  });
  app.use(errorHandler({ logger, problemTypeBase: PROBLEMS }));
  return { app, logs };
}

exercise('5.6', () => {
  it('When requests stay within the limit, then each carries RateLimit-Policy and a counting-down RateLimit', async () => {
    const { app } = appWith(redis.client);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await request(app).get('/books'));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers[0]!.headers['ratelimit-policy']).toBe('"api";q=3;w=60');
    expect(answers.map((r) => r.headers.ratelimit)).toEqual([
      expect.stringMatching(/^"api";r=2;t=\d+$/),
      expect.stringMatching(/^"api";r=1;t=\d+$/),
      expect.stringMatching(/^"api";r=0;t=\d+$/),
    ]);
  });

  it('When the limit is spent, then the answer is 429 problem+json with Retry-After', async () => {
    const { app } = appWith(redis.client, { limit: 1 });
    await request(app).get('/books');
    const res = await request(app).get('/books');
    expectProblem(res, 429, 'RATE_LIMITED', { typeBase: PROBLEMS });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers.ratelimit).toMatch(/^"api";r=0;t=\d+$/);
  });

  it('When 200 requests arrive at once against a limit of 50, then exactly 50 get through', async () => {
    // A generous timeout: here the point is the count, and a slow machine must not make the limiter fail open.
    const { app } = appWith(redis.client, { limit: 50, timeoutMs: 5000 });
    const statuses = await Promise.all(Array.from({ length: 200 }, () => request(app).get('/books'))).then(
      (all) => all.map((r) => r.status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(150);
  });

  it('When users are known, then each has a quota of its own, apart from the anonymous one', async () => {
    const { app } = appWith(redis.client, { limit: 1 });
    expect((await request(app).get('/books').set('X-Test-User', 'ada')).status).toBe(200);
    expect((await request(app).get('/books').set('X-Test-User', 'ada')).status).toBe(429);
    expect((await request(app).get('/books').set('X-Test-User', 'grace')).status).toBe(200);
    expect((await request(app).get('/books')).status).toBe(200);
  });

  it('When no proxy is trusted, then X-Forwarded-For cannot buy a fresh quota', async () => {
    const { app } = appWith(redis.client, { limit: 1, trustProxy: 0 });
    await request(app).get('/books').set('X-Forwarded-For', '198.51.100.1');
    const res = await request(app).get('/books').set('X-Forwarded-For', '198.51.100.2');
    expect(res.status).toBe(429);
  });

  it('When one proxy is trusted, then the address it reports is counted', async () => {
    const { app } = appWith(redis.client, { limit: 1, trustProxy: 1 });
    await request(app).get('/books').set('X-Forwarded-For', '198.51.100.1');
    expect((await request(app).get('/books').set('X-Forwarded-For', '198.51.100.1')).status).toBe(429);
    expect((await request(app).get('/books').set('X-Forwarded-For', '198.51.100.2')).status).toBe(200);
  });
});

exercise('5.8', () => {
  let server: OwnRedisServer;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    client = createRedisClient({ url: server.url, commandTimeoutMs: 500 });
    client.on('error', () => undefined);
    await client.connect();
  });
  afterAll(async () => {
    server.thaw();
    client.disconnect();
    await server.stop();
  });

  it('When Redis hangs and the limiter fails open, then requests get through within the timeout', async () => {
    const { app, logs } = appWith(client, { onUnavailable: 'open' });
    server.freeze();
    try {
      const started = performance.now();
      const res = await request(app).get('/books');
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(450);
      expect(logs.some((entry) => entry.message === 'rate limiter unavailable')).toBe(true);
    } finally {
      server.thaw();
    }
  });

  it('When Redis hangs and the limiter fails closed, then the answer is 503 with Retry-After', async () => {
    const { app } = appWith(client, { onUnavailable: 'closed' });
    server.freeze();
    try {
      const res = await request(app).get('/books');
      expectProblem(res, 503, 'RATE_LIMIT_UNAVAILABLE', { typeBase: PROBLEMS });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      server.thaw();
    }
  });

  it('When Redis is down, then failing open lets requests through and failing closed refuses them, at once', async () => {
    const open = appWith(client, { onUnavailable: 'open' }).app;
    const closed = appWith(client, { onUnavailable: 'closed' }).app;
    await server.stop();
    const started = performance.now();
    expect((await request(open).get('/books')).status).toBe(200);
    expect((await request(closed).get('/books')).status).toBe(503);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
