/*
 * Cached against uncached GET /books/:id, on the same server in the same run: the solution's app, and the same app
 * with chapter 4's book repository in place of the cached one. Rounds alternate (cached, uncached, cached, ...) so
 * that a machine that is busy for a moment slows both alike; the figures are medians over the rounds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@course/platform/database';
import type { Logger } from '@course/platform/logging';
import { nextIsbn } from '@course/test-harness/isbn';
import autocannon from 'autocannon';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { createApp } from '../solution/app';
import { PrismaBookRepository } from '../solution/books/book.prisma-repository';
import type { BookRepository } from '../solution/books/book.repository';
import type { Config } from '../solution/config';
import type { PrismaClient } from '../solution/generated/prisma/client';

const API = '/api/v1';
const BOOKS = 100;
const CONNECTIONS = 10;
const ROUND_SECONDS = 3;
const ROUNDS = 3;

export interface ReadPathResult {
  title: string;
  requestsPerSecond: number;
  p50Ms: number;
  /** Book reads that reached the database, in every round (the warm-up too): the cached app reads each key once. */
  bookQueries: number;
  requests: number;
}

export interface ReadPathSetup {
  config: Config;
  database: Database<PrismaClient>;
  redis: Redis;
  logger: Logger;
}

/** Chapter 4's repository, with `delayMs` before each findById (as a database across a network would add), counted. */
function measured(books: BookRepository, delayMs: number, reads: { count: number }): BookRepository {
  return new Proxy(books, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'findById' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        reads.count += 1;
        if (delayMs > 0) await sleep(delayMs);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function listen(app: Express): Promise<http.Server> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** An editor's bearer header, and the ids of `BOOKS` new books, made through the API itself. */
let runs = 0;

async function prepare(base: string, setup: ReadPathSetup): Promise<{ auth: string; ids: string[] }> {
  runs += 1;
  const email = `bench-${process.pid}-${runs}@bookstore.example`;
  const password = 'correct horse battery staple';
  const post = (path: string, body: unknown, auth?: string) =>
    fetch(`${base}${API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
  const registered = await post('/auth/register', { email, password });
  if (registered.status !== 202) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  await setup.database.pool.query(
    "INSERT INTO user_roles (user_id, role_name) SELECT id, 'editor' FROM users WHERE email = $1",
    [email],
  );
  const login = (await (await post('/auth/login', { email, password })).json()) as { accessToken: string };
  const auth = `Bearer ${login.accessToken}`;
  const author = (await (await post('/authors', { name: 'Le Guin' }, auth)).json()) as { id: string };
  const ids: string[] = [];
  for (let i = 0; i < BOOKS; i += 1) {
    const res = await post(
      '/books',
      { title: `Book ${i}`, isbn: nextIsbn(), authorId: author.id, publishedYear: 1970, priceCents: 999 },
      auth,
    );
    if (res.status !== 201) throw new Error(`book: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return { auth, ids };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Serves GET /books/:id over `BOOKS` ids, `CONNECTIONS` at a time, from the cached app and from the uncached one,
 * with `delayMs` added to each book read of the database.
 */
export async function measureReadPath(setup: ReadPathSetup, delayMs: number): Promise<ReadPathResult[]> {
  const names = ['cached', 'uncached'] as const;
  const reads = { cached: { count: 0 }, uncached: { count: 0 } };
  const repository = (name: (typeof names)[number]) =>
    measured(new PrismaBookRepository(setup.database.prisma), delayMs, reads[name]);
  const apps = {
    cached: createApp({ ...setup, overrides: { bookRepository: repository('cached') } }),
    uncached: createApp({
      ...setup,
      overrides: { bookRepository: repository('uncached'), cacheBooks: false },
    }),
  };

  const servers = { cached: await listen(apps.cached), uncached: await listen(apps.uncached) };
  const base = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const { auth, ids } = await prepare(base(servers.uncached), setup);
    const rounds = { cached: [] as autocannon.Result[], uncached: [] as autocannon.Result[] };
    const requests = { cached: 0, uncached: 0 };
    for (let round = 0; round <= ROUNDS; round += 1) {
      for (const name of names) {
        let next = 0;
        const result = await autocannon({
          url: base(servers[name]),
          connections: CONNECTIONS,
          duration: ROUND_SECONDS,
          headers: { authorization: auth },
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                path: `${API}/books/${ids[next++ % ids.length]!}`,
              }),
            },
          ],
        });
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
        requests[name] += result.requests.total;
        // Round 0 warms both up (JIT, pool, and for the cached app the first load of every key).
        if (round > 0) rounds[name].push(result);
      }
    }
    return names.map((name) => ({
      title: name,
      requestsPerSecond: median(rounds[name].map((r) => r.requests.average)),
      p50Ms: median(rounds[name].map((r) => r.latency.p50)),
      bookQueries: reads[name].count,
      requests: requests[name],
    }));
  } finally {
    for (const server of Object.values(servers)) {
      server.closeAllConnections();
      server.close();
    }
  }
}
