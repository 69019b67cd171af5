import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { connectDatabase, countQueries, type QueryCounter } from '@course/platform/database';
import { exercise, scaffold } from '@course/test-harness';
import { memoryLogger } from '@course/test-harness/logs';
import { useTestDatabase } from '@course/test-harness/postgres';
import { expectProblem } from '@course/test-harness/problems';
import { nextIsbn } from '@course/test-harness/isbn';
import { useTestRedis } from '@course/test-harness/redis';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '@target/app';
import { loadConfig } from '@target/config';
import { PrismaClient } from '@target/generated/prisma/client';
import { createRedisClient } from '@target/redis/redis-client';
import { startRedisServer, type OwnRedisServer } from './support/redis-server';

// The assembled Bookstore, end to end: chapter 4's app with this chapter's cache, HTTP caching and rate limit in
// front of it, on PostgreSQL and Redis. The other files test each part alone; these prove they are wired together,
// and that the API keeps working when its Redis stops.

const API = '/api/v1';
const MIGRATIONS = path.join(__dirname, '..', 'solution', 'prisma', 'migrations');
const SECRET = randomBytes(32).toString('hex');
const CACHE_TIMEOUT_MS = 150;

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
const redis = useTestRedis();

interface Bookstore {
  app: Express;
  queries: QueryCounter;
}

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** The Bookstore on the test's database and the given Redis client, with `env` over the test configuration. */
function bookstore(client: Redis, env: Record<string, string> = {}): Bookstore {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: SECRET,
    BCRYPT_COST: '4',
    CACHE_TIMEOUT_MS: String(CACHE_TIMEOUT_MS),
    RATE_LIMIT: '1000',
    ...env,
  });
  const { logger } = memoryLogger();
  const database = connectDatabase({ url: db.url, poolSize: 5, logger, PrismaClient });
  closers.push(() => database.close());
  return {
    app: createApp({ config, database, redis: client, logger }),
    queries: countQueries(database.pool),
  };
}

let userCounter = 0;

/** Registers a user through the API, gives them `role` in the database, logs them in; the bearer header. */
async function userWith(app: Express, role: 'reader' | 'editor'): Promise<string> {
  userCounter += 1;
  const email = `${role}-${process.pid}-${userCounter}@bookstore.example`;
  const password = 'correct horse battery staple';
  const registered = await request(app).post(`${API}/auth/register`).send({ email, password });
  if (registered.status !== 202) throw new Error(`register: ${registered.status} ${registered.text}`);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  await db.query('DELETE FROM user_roles WHERE user_id = $1', [rows[0]!.id]);
  await db.query('INSERT INTO user_roles (user_id, role_name) VALUES ($1, $2)', [rows[0]!.id, role]);
  const login = await request(app).post(`${API}/auth/login`).send({ email, password });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
  return `Bearer ${login.body.accessToken as string}`;
}

/** A new book by a new author, created through the API; its id. */
async function newBook(app: Express, editor: string, title = 'The Left Hand of Darkness'): Promise<string> {
  const author = await request(app)
    .post(`${API}/authors`)
    .set('Authorization', editor)
    .send({ name: 'Le Guin' });
  if (author.status !== 201) throw new Error(`author: ${author.status} ${author.text}`);
  const book = await request(app)
    .post(`${API}/books`)
    .set('Authorization', editor)
    .send({ title, isbn: nextIsbn(), authorId: author.body.id, publishedYear: 1969, priceCents: 1299 });
  if (book.status !== 201) throw new Error(`book: ${book.status} ${book.text}`);
  return book.body.id as string;
}

/** The database queries that one request sends, and its answer. */
async function queriesOf(store: Bookstore, send: () => request.Test) {
  store.queries.reset();
  const res = await send();
  return { res, queries: store.queries.count };
}

exercise('5.8', () => {
  describe('the assembled Bookstore, with Redis up', () => {
    let store: Bookstore;
    let reader: string;
    let editor: string;
    beforeAll(async () => {
      store = bookstore(redis.createClient());
      reader = await userWith(store.app, 'reader');
      editor = await userWith(store.app, 'editor');
    });

    it('When a book is read twice through the API, then the second answer comes from the cache, without its query', async () => {
      const id = await newBook(store.app, editor);
      const get = () => request(store.app).get(`${API}/books/${id}`).set('Authorization', reader);

      const miss = await queriesOf(store, get);
      const hit = await queriesOf(store, get);

      expect(miss.res.status).toBe(200);
      expect(hit.res.status).toBe(200);
      expect(hit.res.body).toEqual(miss.res.body);
      // Both still read the caller's account (authentication); only the miss reads the book.
      expect(hit.queries).toBeLessThan(miss.queries);
    });

    it('When a book is changed through the API, then the next read returns the change, never the cached title', async () => {
      const id = await newBook(store.app, editor, 'A Wizard of Earthsea');
      const get = () => request(store.app).get(`${API}/books/${id}`).set('Authorization', reader);
      expect((await get()).body.title).toBe('A Wizard of Earthsea');

      const patched = await request(store.app)
        .patch(`${API}/books/${id}`)
        .set('Authorization', editor)
        .send({ title: 'The Tombs of Atuan' });

      expect(patched.status).toBe(200);
      expect((await get()).body.title).toBe('The Tombs of Atuan');
    });

    it('When a client sends back the ETag of a book it has, then the API answers 304 without a body', async () => {
      const id = await newBook(store.app, editor);
      const first = await request(store.app).get(`${API}/books/${id}`).set('Authorization', reader);
      expect(first.headers.etag).toEqual(expect.any(String));

      const again = await request(store.app)
        .get(`${API}/books/${id}`)
        .set('Authorization', reader)
        .set('If-None-Match', first.headers.etag as string);

      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      // The answer depends on who asks: no shared cache may keep it for everyone.
      expect(first.headers['cache-control']).toMatch(/private/);
      expect(first.headers.vary).toMatch(/Authorization/i);
    });
  });

  it('When a caller goes over the API limit, then the next request gets a 429 problem with Retry-After and RateLimit', async () => {
    // One trusted proxy, so that the client's address is its own and not the one the other tests share.
    const store = bookstore(redis.createClient(), { RATE_LIMIT: '3', TRUST_PROXY: '1' });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push(await request(store.app).get(`${API}/books`).set('X-Forwarded-For', '198.51.100.7'));
    }

    // Anonymous requests are counted too: they reach authentication (401) only within the limit.
    expect(answers.map((res) => res.status)).toEqual([401, 401, 401, 429]);
    const refused = answers[3]!;
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.headers['ratelimit-policy']).toMatch(/q=3/);
    expect(refused.headers.ratelimit).toMatch(/r=0/);
  });

  describe('the assembled Bookstore, when its Redis stops', () => {
    let server: OwnRedisServer;
    let client: Redis;
    beforeAll(async () => {
      server = await startRedisServer();
      client = createRedisClient({ url: server.url, commandTimeoutMs: CACHE_TIMEOUT_MS });
      client.on('error', () => undefined);
      await client.connect();
    });
    afterAll(async () => {
      client.disconnect();
      await server.stop();
    });

    it('When Redis is gone, then books are still served from PostgreSQL, within the cache timeout, and a closed limiter refuses with 503', async () => {
      const open = bookstore(client);
      const closed = bookstore(client, { RATE_LIMIT_ON_UNAVAILABLE: 'closed' });
      const editor = await userWith(open.app, 'editor');
      const id = await newBook(open.app, editor);

      await server.stop();
      const started = performance.now();
      const res = await request(open.app).get(`${API}/books/${id}`).set('Authorization', editor);
      const ms = performance.now() - started;

      expect(res.status).toBe(200);
      expect(res.body.id).toBe(id);
      // The limiter's and the cache's calls each give up after CACHE_TIMEOUT_MS; nothing waits for Redis longer.
      expect(ms).toBeLessThan(10 * CACHE_TIMEOUT_MS);

      const refused = await request(closed.app).get(`${API}/books/${id}`).set('Authorization', editor);
      expectProblem(refused, 503, 'RATE_LIMIT_UNAVAILABLE');
    });
  });
});

scaffold('a method the path does not have', () => {
  it('When it comes with a body that is not JSON, then the method is answered first: 405 with Allow, not 415', async () => {
    const { app } = bookstore(redis.createClient());
    const res = await request(app).put(`${API}/books`).set('Content-Type', 'text/plain').send('a title');
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, POST, HEAD');
  });
});
