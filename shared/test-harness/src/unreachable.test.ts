import { createTestDatabase } from './postgres';
import { createTestRedis } from './redis';

const ADVICE = 'Start it (docs/setup.md) or run: pnpm course doctor';

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e as Error,
  );
  return error.message;
}

describe('unreachable services', () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('When PostgreSQL is down, then creating a database fails at once with the URL redacted', async () => {
    process.env.DATABASE_URL = 'postgres://postgres:s3cret@127.0.0.1:1/postgres';
    const started = Date.now();

    const message = await failure(createTestDatabase());

    expect(message).toBe(
      `PostgreSQL is not reachable at postgres://postgres:***@127.0.0.1:1/postgres (ECONNREFUSED). ${ADVICE}`,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('When Redis is down, then connecting fails at once with the URL redacted', async () => {
    process.env.REDIS_URL = 'redis://:s3cret@127.0.0.1:1';
    const started = Date.now();

    const message = await failure(createTestRedis());

    expect(message).toBe(`Redis is not reachable at redis://:***@127.0.0.1:1 (ECONNREFUSED). ${ADVICE}`);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
