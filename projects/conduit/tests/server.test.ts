import { requiresPostgresServer, useTestDatabase } from '@course/test-harness/postgres';
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

  // The embedded PostgreSQL runs every connection's queries one after another, so a lock cannot hold one request.
  requiresPostgresServer('a table lock holds the request in flight')(
    'When it is closed with a request in flight, then that request is answered, and then nothing listens',
    async () => {
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
        // A lock on the articles table holds the request inside the server, provably in flight: the server closes
        // while its query waits, and the lock is let go only then.
        const locker = await db.pool.connect();
        let response: Response;
        try {
          await locker.query('BEGIN');
          await locker.query('LOCK TABLE articles IN ACCESS EXCLUSIVE MODE');
          const inFlight = fetch(`${base}/api/articles`);
          let waiting = 0;
          for (let i = 0; i < 100 && waiting === 0; i++) {
            const { rows } = await locker.query<{ n: number }>(
              "SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'articles'::regclass AND NOT granted",
            );
            waiting = rows[0]!.n;
            if (waiting === 0) await new Promise((resolve) => setTimeout(resolve, 50));
          }
          expect(waiting).toBeGreaterThan(0);
          closed = server.close();
          await locker.query('COMMIT');
          response = await inFlight;
        } finally {
          locker.release();
        }
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ articles: [], articlesCount: 0 });
        await closed;
        await expect(fetch(`${base}/livez`)).rejects.toThrow();
      } finally {
        await (closed ?? server.close());
      }
    },
  );
});
