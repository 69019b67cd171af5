/*
 * `pnpm bench`: the two hottest reads of Conduit under load, on a fresh database seeded with 200 users and 1,000
 * articles: GET /api/articles (20 per page) and GET /api/articles/:slug, anonymous. Two servers in one run, one with
 * the public-read cache (src/cache/public-reads.ts) and one without (CACHE_PUBLIC_TTL_MS=0), measured one after the
 * other for each URL; reports requests per second and p99 latency from one autocannon run each, after 3 s of
 * warm-up on the same URL and server, and the ratio. A third server, Express alone answering with the same JSON,
 * measures the ceiling for that response in the same run (see EXPRESS_CEILING).
 *
 * Each server is its own Node process started as in production (src/server.ts, NODE_ENV=production), so that the
 * load generator in this process does not share the server's event loop.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=20 pnpm --filter @course/conduit bench
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { createTestDatabase, dropTestDatabase } from '@course/test-harness/postgres';
import { cleanupRedis, createTestRedis } from '@course/test-harness/redis';
import { createLogger } from '@course/platform/logging';
import { hashPassword } from '@course/platform/auth';
import { connectConduitDatabase } from '../src/database/prisma';
import { seedDatabase } from '../src/seed/seed';
import { freePort } from '@course/test-harness/ports';

const PROJECT = path.join(__dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const warmUpSeconds = 3;

interface Server {
  child: ChildProcess;
  port: number;
}

/**
 * The ceiling for one response on this machine at this moment: Express alone, one route that answers every GET with
 * `res.json()` of the same value (read from BODY_FILE once), with no middleware, routing table, cache or database.
 * Measured in the same run, it separates what the machine and the framework cost from what Conduit's own stack
 * adds, which a figure alone cannot show on a shared machine.
 */
const EXPRESS_CEILING = `
const value = JSON.parse(require('node:fs').readFileSync(process.env.BODY_FILE, 'utf8'));
const app = require('express')();
app.get('*path', (req, res) => res.json(value));
app.listen(Number(process.env.PORT), '127.0.0.1');
`;

/** Starts Conduit's src/server.ts in its own process with `env`. */
function startConduit(env: Record<string, string>): Promise<Server> {
  const args = ['--import', 'tsx', path.join(PROJECT, 'src', 'server.ts')];
  return startProcess(args, { NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env });
}

/** Starts `node args` on a free port (PORT); resolves once /livez answers. */
async function startProcess(args: string[], env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: PROJECT,
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start in 30 s:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/livez`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  return { child, port };
}

/** Sends SIGTERM and waits for the process to exit. */
async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
  server.child.kill('SIGTERM');
  await exited;
}

async function load(
  url: string,
  duration: number,
): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections, duration });
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
    const env = (mode: string, cacheTtlMs: string) => ({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `${redis.prefix}${mode}:`,
      JWT_SECRET: 'bench-only-secret-'.padEnd(64, 'x'),
      CACHE_PUBLIC_TTL_MS: cacheTtlMs,
    });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'conduit-bench-'));
    const uncached = await startConduit(env('uncached', '0'));
    let cached: Server | undefined;
    try {
      cached = await startConduit(env('cached', '30000'));
      const servers = { uncached, cached };
      const base = (name: keyof typeof servers) => `http://127.0.0.1:${servers[name].port}/api`;
      const list = (await (await fetch(`${base('uncached')}/articles?limit=1`)).json()) as {
        articles: { slug: string }[];
      };
      const slug = list.articles[0]?.slug;
      console.log(
        `seeded ${counts.users} users and ${counts.articles} articles; ${connections} connections, ${seconds} s each`,
      );
      for (const [name, route] of [
        ['GET /api/articles (20 per page)', '/articles?limit=20'],
        ['GET /api/articles/:slug', `/articles/${slug}`],
      ] as const) {
        const bodyFile = path.join(scratch, 'body.json');
        fs.writeFileSync(
          bodyFile,
          Buffer.from(await (await fetch(`${base('cached')}${route}`)).arrayBuffer()),
        );
        const bare = await startProcess(['-e', EXPRESS_CEILING], { BODY_FILE: bodyFile });
        const results: Record<string, number> = {};
        try {
          const urls = { uncached: `${base('uncached')}${route}`, cached: `${base('cached')}${route}` };
          for (const [mode, url] of [
            ...Object.entries(urls),
            ['ceiling', `http://127.0.0.1:${bare.port}/`],
          ]) {
            // A fresh process runs its first requests in the interpreter, before the JIT has compiled the hot path.
            await load(url!, warmUpSeconds);
            const r = await load(url!, seconds);
            results[mode!] = r.rps;
            console.log(
              `${name.padEnd(34)} ${mode!.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s   p99 ${String(r.p99).padStart(4)} ms` +
                (r.errors + r.non2xx > 0 ? `   (${r.errors} errors, ${r.non2xx} non-2xx)` : ''),
            );
          }
        } finally {
          await stopServer(bare);
        }
        console.log(
          `${''.padEnd(34)} cached / uncached: ${(results.cached! / results.uncached!).toFixed(1)}x;` +
            ` cached / ceiling: ${((100 * results.cached!) / results.ceiling!).toFixed(0)}%`,
        );
      }
    } finally {
      if (cached) await stopServer(cached);
      await stopServer(uncached);
      fs.rmSync(scratch, { recursive: true, force: true });
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
