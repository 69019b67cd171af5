import { useTestDatabase } from '@course/test-harness/postgres';
import { useTestRedis } from '@course/test-harness/redis';
import { main } from '../src/server';
import { JWT_SECRET, MIGRATIONS } from './support/conduit';

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
const redis = useTestRedis();

describe('The server process', () => {
  it('When the configuration lacks JWT_SECRET, then it refuses to start and says which variables are wrong', async () => {
    await expect(main({ DATABASE_URL: db.url, REDIS_URL: redis.url })).rejects.toThrow(
      /JWT_SECRET must be set/,
    );
    await expect(main({ DATABASE_URL: db.url, REDIS_URL: redis.url, JWT_SECRET: 'short' })).rejects.toThrow(
      /JWT_SECRET must be at least 32 characters/,
    );
  });

  it('When it is closed with a request in flight, then that request is answered, and then nothing listens', async () => {
    const server = await main({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.prefix,
      JWT_SECRET,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'error',
    });
    const base = `http://127.0.0.1:${server.port}`;
    let closed: Promise<void> | undefined;
    try {
      // Ready once PostgreSQL and Redis answer; until then /readyz says 503, which is the point of it.
      let ready = 503;
      for (let i = 0; i < 50 && ready !== 200; i++) {
        ready = (await fetch(`${base}/readyz`)).status;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ready).toBe(200);
      const inFlight = fetch(`${base}/api/articles`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      closed = server.close();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ articles: [], articlesCount: 0 });
      await closed;
      await expect(fetch(`${base}/livez`)).rejects.toThrow();
    } finally {
      await (closed ?? server.close());
    }
  });
});
