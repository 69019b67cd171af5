/*
 * `pnpm bench`: the two hottest reads of Conduit under load, on a fresh database seeded with 200 users and 1,000
 * articles: GET /api/articles (20 per page) and GET /api/articles/:slug, anonymous. Two servers in one run, one with
 * the public-read cache (src/cache/public-reads.ts) and one without (CACHE_PUBLIC_TTL_MS=0), measured one after the
 * other for each URL; reports requests per second and p99 latency from one autocannon run each, and the ratio.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=20 pnpm --filter @course/conduit bench
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { createTestDatabase, dropTestDatabase } from '@course/test-harness/postgres';
import { cleanupRedis, createTestRedis } from '@course/test-harness/redis';
import { createLogger } from '@course/platform/logging';
import { startServer } from '@course/platform/server';
import { createApp } from '../src/app';
import { hashPassword } from '@course/platform/auth';
import { loadConfig } from '../src/config';
import { connectConduitDatabase } from '../src/database/prisma';
import { seedDatabase } from '../src/seed/seed';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function load(url: string): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const database = await createTestDatabase({
    label: 'conduit-bench',
    migrationsDir: path.join(__dirname, '..', 'src', 'prisma', 'migrations'),
  });
  const redis = await createTestRedis({ label: 'conduit-bench' });
  const logger = createLogger({ level: 'warn' });
  const db = connectConduitDatabase(database.url, 10, logger);
  try {
    const counts = await seedDatabase(db.prisma, {
      users: 200,
      articles: 1000,
      passwordHash: await hashPassword('password123', 4),
    });
    const configWith = (cacheTtlMs: string) =>
      loadConfig({
        DATABASE_URL: database.url,
        REDIS_URL: redis.url,
        JWT_SECRET: 'bench-only-secret-'.padEnd(64, 'x'),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        CACHE_PUBLIC_TTL_MS: cacheTtlMs,
      });
    const servers = {
      uncached: await startServer({
        app: createApp({ config: configWith('0'), prisma: db.prisma, redis: redis.client, logger }),
        port: 0,
        logger,
      }),
      cached: await startServer({
        app: createApp({ config: configWith('30000'), prisma: db.prisma, redis: redis.client, logger }),
        port: 0,
        logger,
      }),
    };
    try {
      const base = (name: keyof typeof servers) => `http://127.0.0.1:${servers[name].port}/api`;
      const list = (await (await fetch(`${base('uncached')}/articles?limit=1`)).json()) as {
        articles: { slug: string }[];
      };
      const slug = list.articles[0]?.slug;
      console.log(
        `seeded ${counts.users} users and ${counts.articles} articles; ${connections} connections, ${seconds} s each`,
      );
      for (const [name, path] of [
        ['GET /api/articles (20 per page)', '/articles?limit=20'],
        ['GET /api/articles/:slug', `/articles/${slug}`],
      ] as const) {
        const results: Record<string, number> = {};
        for (const mode of ['uncached', 'cached'] as const) {
          const r = await load(`${base(mode)}${path}`);
          results[mode] = r.rps;
          console.log(
            `${name.padEnd(34)} ${mode.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s   p99 ${String(r.p99).padStart(4)} ms` +
              (r.errors + r.non2xx > 0 ? `   (${r.errors} errors, ${r.non2xx} non-2xx)` : ''),
          );
        }
        console.log(
          `${''.padEnd(34)} cached / uncached: ${(results.cached! / results.uncached!).toFixed(1)}x`,
        );
      }
    } finally {
      await servers.cached.close();
      await servers.uncached.close();
    }
  } finally {
    await db.close();
    await cleanupRedis(redis);
    await dropTestDatabase(database);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
