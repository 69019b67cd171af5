import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { connectDatabase } from '@course/platform/database';
import { memoryLogger as memoryLoggerOf, type LogEntry } from '@course/test-harness/logs';
import { useTestDatabase, type TestDatabase } from '@course/test-harness/postgres';
import { expectProblem as expectProblemOf, type ResponseLike } from '@course/test-harness/problems';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import type winston from 'winston';
import { createApp } from '@target/app';
import { loadConfig, type Config } from '@target/config';
import type { ServiceOverrides } from '@target/container';
import { PrismaClient } from '@target/generated/prisma/client';
import { createLogger } from '@target/logging/logger';

export { nextIsbn, withWrongCheckDigit } from '@course/test-harness/isbn';
export { waitForLog, type LogEntry } from '@course/test-harness/logs';

/** The problem `type` URIs of the Bookstore. */
export const PROBLEM_TYPE_BASE = 'https://bookstore.example/problems/';

export const API = '/api/v1';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MIGRATIONS = path.join(__dirname, '..', 'solution', 'prisma', 'migrations');
/** A new signing secret on every run, as the README asks of every deployment. */
export const TEST_SECRET = randomBytes(32).toString('hex');
export const PASSWORD = 'correct horse battery staple';
export const ALLOWED_ORIGIN = 'https://shop.bookstore.example';

/**
 * The configuration tests run with: bcrypt at its lowest cost, so that hashing takes a millisecond; one trusted
 * proxy, so that a test can pick its client address with X-Forwarded-For; and login limits high enough that only
 * the throttling tests, which lower them, ever meet them.
 */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: '4',
    TRUST_PROXY: '1',
    CORS_ORIGINS: ALLOWED_ORIGIN,
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
    LOGIN_MAX_FAILURES_PER_IP: '1000',
    ...env,
  });
}

/** A logger that keeps its JSON entries in memory and prints nothing, with the app's redaction and request ids. */
export function memoryLogger(): { logger: winston.Logger; logs: LogEntry[] } {
  return memoryLoggerOf(createLogger);
}

/**
 * A login throttle that admits every attempt. The tests of 4.1 to 4.6 log in through it, so that they pass before
 * 4.7 is done: until then, the starter's own throttle refuses every login (it fails closed).
 */
export const UNLIMITED_LOGINS: NonNullable<ServiceOverrides['loginThrottle']> = {
  reserve: async () => {},
  succeeded: async () => {},
};

export interface Bookstore {
  app: Express;
  logs: LogEntry[];
  config: Config;
  db: TestDatabase;
}

/** How an app for tests is built: its environment, and parts that replace the app's own. */
export interface BookstoreOptions {
  env?: Record<string, string>;
  overrides?: ServiceOverrides;
}

/** An app on an existing test database; its pool is closed before the database is dropped. */
export function bookstoreOn(
  db: TestDatabase,
  { env = {}, overrides }: BookstoreOptions = {},
): Omit<Bookstore, 'db'> {
  const config = testConfig(db.url, env);
  const { logger, logs } = memoryLogger();
  const database = connectDatabase({ url: db.url, poolSize: 5, logger, PrismaClient });
  db.onClose(() => database.close());
  return { app: createApp({ config, database, logger, overrides }), logs, config };
}

/**
 * Gives the test file a database of its own, built from the migrations (with their roles and permissions), and an
 * app on it. Tests share both and never truncate: each test makes its own users and books.
 */
export function useBookstore(options: BookstoreOptions = {}): Bookstore {
  const db = useTestDatabase({ migrationsDir: MIGRATIONS });
  let current: Omit<Bookstore, 'db'> | undefined;
  beforeAll(() => {
    current = bookstoreOn(db, options);
  });
  const live = () => {
    if (!current) throw new Error('useBookstore(): use the app in tests and hooks, not while the file loads');
    return current;
  };
  return {
    get app() {
      return live().app;
    },
    get logs() {
      return live().logs;
    },
    get config() {
      return live().config;
    },
    db,
  };
}

let emailCounter = 0;

/** A new address on every call, so that tests never meet each other's accounts. */
export function uniqueEmail(label = 'user'): string {
  emailCounter += 1;
  return `${label}-${process.pid}-${emailCounter}@bookstore.example`;
}

let ipCounter = 0;

/** A new client address (from the documentation range of RFC 5737) on every call. */
export function uniqueIp(): string {
  ipCounter += 1;
  return `198.51.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export function register(app: Express, email: string, password = PASSWORD): Promise<Response> {
  return request(app).post(`${API}/auth/register`).send({ email, password });
}

export function login(
  app: Express,
  email: string,
  password = PASSWORD,
  ip = '203.0.113.1',
): Promise<Response> {
  return request(app).post(`${API}/auth/login`).set('X-Forwarded-For', ip).send({ email, password });
}

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

export interface TestUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers a user through the API, gives them `roles` straight in the database, and logs them in. */
export async function createUser({ app, db }: Bookstore, roles: string[] = ['reader']): Promise<TestUser> {
  const email = uniqueEmail(roles.join('-') || 'nobody');
  const registered = await register(app, email);
  if (registered.status !== 202)
    throw new Error(`registering failed: ${registered.status} ${registered.text}`);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  const id = rows[0]!.id;
  await db.query('DELETE FROM user_roles WHERE user_id = $1', [id]);
  for (const role of roles) {
    await db.query('INSERT INTO user_roles (user_id, role_name) VALUES ($1, $2)', [id, role]);
  }
  const res = await login(app, email);
  if (res.status !== 200) throw new Error(`logging in failed: ${res.status} ${res.text}`);
  return { id, email, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

/** The median duration of `times` sequential runs, in milliseconds. */
export async function medianMs(times: number, run: () => Promise<unknown>): Promise<number> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    durations.push(performance.now() - started);
  }
  return durations.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

/** Checks that a response is an RFC 9457 problem with the given status and code, and that it leaks nothing. */
export function expectProblem(res: ResponseLike | Response, status: number, code: string): void {
  expectProblemOf(res as ResponseLike, status, code, { typeBase: PROBLEM_TYPE_BASE });
}
