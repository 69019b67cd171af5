import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Express } from 'express';
import type { Pool } from 'pg';
import request from 'supertest';
import type { Database } from '@course/platform/database';
import { createLogger } from '@course/platform/logging';
import { memoryLogger, type LogEntry } from '@course/test-harness/logs';
import { useTestDatabase, type TestDatabase } from '@course/test-harness/postgres';
import { useTestRedis, type TestRedis } from '@course/test-harness/redis';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { connectConduitDatabase, type PrismaClient } from '../../src/database/prisma';

export const MIGRATIONS = path.join(__dirname, '..', '..', 'src', 'prisma', 'migrations');
export const JWT_SECRET = randomBytes(32).toString('hex');

/** The configuration of a test app; `env` overrides single variables. */
export function testConfig(databaseUrl: string, redisUrl: string, env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET,
    NODE_ENV: 'test',
    BCRYPT_COST: '4',
    RATE_LIMIT_REGISTRATIONS_PER_IP: '100000',
    RATE_LIMIT_LOGINS_PER_IP: '100000',
    RATE_LIMIT_LOGINS_PER_EMAIL: '100000',
    ...env,
  });
}

export interface TestConduit {
  readonly app: Express;
  readonly pool: Pool;
  readonly prisma: PrismaClient;
  readonly logs: LogEntry[];
  readonly config: Config;
  readonly db: TestDatabase;
  readonly redis: TestRedis;
}

/** Conduit on a database and a Redis prefix of this test file's own; call at the top level of the file. */
export function useConduit(env: NodeJS.ProcessEnv = {}): TestConduit {
  const db = useTestDatabase({ migrationsDir: MIGRATIONS });
  const redis = useTestRedis();
  let state: { app: Express; database: Database<PrismaClient>; logs: LogEntry[]; config: Config } | undefined;

  beforeAll(() => {
    const { logger, logs } = memoryLogger(createLogger);
    const config = testConfig(db.url, redis.url, env);
    const database = connectConduitDatabase(db.url, 10, logger);
    db.onClose(() => database.close());
    state = {
      app: createApp({ config, prisma: database.prisma, redis: redis.client, logger }),
      database,
      logs,
      config,
    };
  });

  const live = () => {
    if (!state) throw new Error('useConduit(): use it in tests and hooks');
    return state;
  };
  return {
    get app() {
      return live().app;
    },
    get pool() {
      return live().database.pool;
    },
    get prisma() {
      return live().database.prisma;
    },
    get logs() {
      return live().logs;
    },
    get config() {
      return live().config;
    },
    db,
    redis,
  };
}

let userCount = 0;

/** Registers a fresh user and returns their username and token. */
export async function registerUser(
  app: Express,
  name = 'user',
): Promise<{ username: string; token: string }> {
  userCount += 1;
  const username = `${name}${userCount}_${randomBytes(3).toString('hex')}`;
  const response = await request(app)
    .post('/api/users')
    .send({ user: { username, email: `${username}@test.example`, password: 'password123' } })
    .expect(201);
  return { username, token: response.body.user.token as string };
}

/** Publishes an article and returns its body. */
export async function createArticle(
  app: Express,
  token: string,
  article: { title?: string; description?: string; body?: string; tagList?: string[] } = {},
): Promise<{ slug: string; [key: string]: unknown }> {
  const response = await request(app)
    .post('/api/articles')
    .set('Authorization', `Token ${token}`)
    .send({ article: { title: 'A title', description: 'A description', body: 'A body', ...article } })
    .expect(201);
  return response.body.article;
}
