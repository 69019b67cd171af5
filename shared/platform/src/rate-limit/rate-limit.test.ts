import { memoryLogger } from '@course/test-harness/logs';
import { expectProblem } from '@course/test-harness/problems';
import { useTestRedis } from '@course/test-harness/redis';
import express, { type Request } from 'express';
import request from 'supertest';
import { AppError, errorHandler } from '../errors';
import { clientKey, LoginThrottle, rateLimit, redisRateLimiter, type RateLimitOptions } from '.';

const redis = useTestRedis();
const PROBLEMS = 'https://platform.example/problems/';
let counter = 0;

function appWith(options: Partial<RateLimitOptions> & { points?: number; insurance?: boolean } = {}) {
  const { logger, logs } = memoryLogger();
  const limiter = redisRateLimiter({
    redis: options.insurance === undefined ? redis.client : redis.createClient(),
    keyPrefix: `rl:${++counter}`,
    points: options.points ?? 3,
    durationSeconds: 60,
    insurance: options.insurance,
  });
  const app = express();
  app.use(
    rateLimit({
      limiter,
      policy: 'api',
      keyOf: clientKey((req: Request) => req.get('X-User')),
      onUnavailable: 'open',
      timeoutMs: 5000,
      logger,
      ...options,
    }),
  );
  app.get('/things', (_req, res) => {
    res.json([]);
  });
  app.use(errorHandler({ logger, problemTypeBase: PROBLEMS }));
  return { app, logs };
}

describe('rateLimit() on rate-limiter-flexible', () => {
  it('When requests stay within the quota, then each carries the RateLimit headers', async () => {
    const { app } = appWith();
    const res = await request(app).get('/things');
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-policy']).toBe('"api";q=3;w=60');
    expect(res.headers.ratelimit).toMatch(/^"api";r=2;t=(59|60)$/);
  });

  it('When 1,000 attempts arrive at once against 100 points, then exactly 100 are admitted', async () => {
    const limiter = redisRateLimiter({
      redis: redis.client,
      keyPrefix: `rl:${++counter}`,
      points: 100,
      durationSeconds: 60,
    });
    const outcomes = await Promise.allSettled(Array.from({ length: 1000 }, () => limiter.consume('burst')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(100);
  });

  it('When the quota is spent, then 429 problem+json with Retry-After', async () => {
    const { app } = appWith({ points: 1 });
    await request(app).get('/things');
    const res = await request(app).get('/things');
    expectProblem(res, 429, 'RATE_LIMITED', { typeBase: PROBLEMS });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('When users are known, then each counts apart from the others and from anonymous callers', async () => {
    const { app } = appWith({ points: 1 });
    expect((await request(app).get('/things').set('X-User', 'a')).status).toBe(200);
    expect((await request(app).get('/things').set('X-User', 'a')).status).toBe(429);
    expect((await request(app).get('/things').set('X-User', 'b')).status).toBe(200);
    expect((await request(app).get('/things')).status).toBe(200);
  });

  it('When Redis is unreachable, then the limiter fails open or closed as configured, at once', async () => {
    const closedClient = redis.createClient();
    await closedClient.quit();
    const make = (onUnavailable: 'open' | 'closed') => {
      const { logger } = memoryLogger();
      const app = express();
      const limiter = redisRateLimiter({
        redis: closedClient,
        keyPrefix: 'rl:down',
        points: 1,
        durationSeconds: 60,
      });
      app.use(rateLimit({ limiter, policy: 'api', keyOf: () => 'k', onUnavailable, timeoutMs: 200, logger }));
      app.get('/things', (_req, res) => {
        res.json([]);
      });
      app.use(errorHandler({ logger, problemTypeBase: PROBLEMS }));
      return app;
    };
    expect((await request(make('open')).get('/things')).status).toBe(200);
    expectProblem(await request(make('closed')).get('/things'), 503, 'RATE_LIMIT_UNAVAILABLE', {
      typeBase: PROBLEMS,
    });
  });

  it('When the limiter has counted, then every key has a TTL', async () => {
    const { app } = appWith();
    await request(app).get('/things');
    const [, keys] = await redis.client.scan('0', 'MATCH', `${redis.prefix}rl:*`, 'COUNT', 1000);
    expect(keys.length).toBeGreaterThan(0);
    const ttls = await Promise.all(keys.map((key) => redis.client.pttl(key.slice(redis.prefix.length))));
    expect(ttls.filter((ttl) => ttl <= 0)).toEqual([]);
  });
});

describe('LoginThrottle', () => {
  let emails = 0;
  const email = () => `reader-${++emails}@platform.example`;

  it('When 20 guesses at one account arrive at once, then exactly 5 pass the check', async () => {
    const throttle = new LoginThrottle({
      redis: redis.client,
      windowSeconds: 900,
      maxAttemptsPerAccount: 5,
      maxAttemptsPerIp: 100,
      keyPrefix: `login:${++counter}`,
    });
    const target = email();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => throttle.check(target, `198.51.100.${i}`)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).status).toBe(429);
    expect(Number((refused.reason as AppError).headers['Retry-After'])).toBeGreaterThan(800);
  });

  it('When a login succeeds, then the account starts over and the address gets its attempt back', async () => {
    const throttle = new LoginThrottle({
      redis: redis.client,
      windowSeconds: 900,
      maxAttemptsPerAccount: 2,
      maxAttemptsPerIp: 3,
      keyPrefix: `login:${++counter}`,
    });
    const target = email();
    const ip = '203.0.113.7';
    await throttle.check(target, ip);
    await throttle.record(target, ip, false);
    await throttle.check(target, ip);
    await throttle.record(target, ip, true);
    await expect(throttle.check(target, ip)).resolves.toBeUndefined();
    await expect(throttle.check(target, ip)).resolves.toBeUndefined();
    await expect(throttle.check(email(), ip)).rejects.toThrow(/Too many login attempts/);
  });
});
