/*
 * Database queries per expiry of one hot key: 20 clients read one key over HTTP in a loop while the key is expired
 * again and again, once with single-flight and once without (every miss loads on its own). The load is a real
 * PostgreSQL query that takes about 5 ms.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { Pool } from 'pg';
import { CacheAside } from '../solution/cache/cache-aside';
import { RedisCache } from '../solution/cache/redis-cache';

const CLIENTS = 20;
const EXPIRIES = 30;
const TRAFFIC_MS = 60;

export interface HotKeyResult {
  expiries: number;
  queries: number;
  requests: number;
}

async function measure(redis: Redis, pool: Pool, singleFlight: boolean): Promise<HotKeyResult> {
  let queries = 0;
  const aside = new CacheAside({
    cache: new RedisCache({ redis, timeoutMs: 1000 }),
    ttlMs: 60_000,
    beta: 0,
    // Without single-flight, every caller runs its own load.
    flights: singleFlight ? undefined : { run: (_key, work) => work() },
  });
  const key = `hot:${singleFlight ? 'single-flight' : 'naive'}`;
  const server = http.createServer((_req, res) => {
    aside
      .read(key, async () => {
        queries += 1;
        const { rows } = await pool.query<{ title: string }>(
          "SELECT pg_sleep(0.005), 'The Dispossessed' AS title",
        );
        return rows[0]!.title;
      })
      .then((title) => res.end(JSON.stringify({ title })))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

  let running = true;
  let requests = 0;
  const get = () =>
    new Promise<void>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (running) {
      await get();
      requests += 1;
    }
  });

  await new Promise((resolve) => setTimeout(resolve, TRAFFIC_MS));
  queries = 0;
  for (let i = 0; i < EXPIRIES; i++) {
    await aside.invalidate(key);
    await new Promise((resolve) => setTimeout(resolve, TRAFFIC_MS));
  }
  running = false;
  await Promise.all(clients);
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  return { expiries: EXPIRIES, queries, requests };
}

/** Runs both variants, naive first, against the server at `databaseUrl`. */
export async function measureHotKey(
  redis: Redis,
  databaseUrl: string,
): Promise<Record<string, HotKeyResult>> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  try {
    return { naive: await measure(redis, pool, false), singleFlight: await measure(redis, pool, true) };
  } finally {
    await pool.end();
  }
}
