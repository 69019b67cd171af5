import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './postgres';
import { createTestRedis } from './redis';
import { chapterNeeding, REMEDIES, serviceError } from './services';

const THEN = 'see docs/setup.md, then run: pnpm course doctor';

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e as Error,
  );
  return error.message;
}

describe('unreachable services', () => {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    COURSE_PGLITE: process.env.COURSE_PGLITE,
  };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('When PostgreSQL is down and the embedded one is turned off, then creating a database fails at once with the URL redacted', async () => {
    process.env.DATABASE_URL = 'postgres://postgres:s3cret@127.0.0.1:1/postgres';
    process.env.COURSE_PGLITE = '0';
    const started = Date.now();

    const message = await failure(createTestDatabase());

    expect(message).toBe(
      `PostgreSQL is not reachable at postgres://postgres:***@127.0.0.1:1/postgres (ECONNREFUSED). ${REMEDIES.PostgreSQL}; ${THEN}`,
    );
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('When Redis is down, then connecting fails at once with the URL redacted and how to get Redis', async () => {
    process.env.REDIS_URL = 'redis://:s3cret@127.0.0.1:1';
    const started = Date.now();

    const message = await failure(createTestRedis());

    expect(message).toBe(
      `Redis is not reachable at redis://:***@127.0.0.1:1 (ECONNREFUSED). ${REMEDIES.Redis}; ${THEN}`,
    );
    expect(message).toMatch(/docker compose up -d redis.*apt-get install redis-server.*brew install redis/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('the chapter that needs a service', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'course-chapter-'));
    const chapter = path.join(root, '05-caching');
    fs.mkdirSync(path.join(chapter, 'tests'), { recursive: true });
    const exercise = { id: '5.1', title: 'A cache', hints: ['one', 'two'] };
    const manifest = {
      title: 'Caching and rate limiting',
      summary: '',
      services: ['redis'],
      port: 3005,
      exercises: [exercise],
    };
    fs.writeFileSync(path.join(chapter, 'chapter.json'), JSON.stringify(manifest));
    fs.writeFileSync(path.join(chapter, 'package.json'), JSON.stringify({ name: '@course/ch05-caching' }));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

  it('When a chapter’s test cannot reach Redis, then the error names the chapter', () => {
    const testPath = path.join(root, '05-caching', 'tests', 'cache.test.ts');

    const message = serviceError('Redis', 'redis://127.0.0.1:1', refused, testPath).message;

    expect(chapterNeeding(testPath)).toBe('Chapter 5 (Caching and rate limiting)');
    expect(message).toContain(
      '(ECONNREFUSED). Chapter 5 (Caching and rate limiting) needs it. Start it with',
    );
  });

  it('When the test is not a chapter’s, then no chapter is named', () => {
    expect(chapterNeeding(path.join(root, 'elsewhere.test.ts'))).toBeUndefined();
    const message = serviceError(
      'Redis',
      'redis://127.0.0.1:1',
      Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    ).message;
    expect(message).not.toMatch(/Chapter \d/);
  });
});
