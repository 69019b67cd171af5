import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { scaffold } from '@course/test-harness';
import { postgresUrl } from '@course/test-harness/postgres';
import request from 'supertest';
import { ConfigError, loadConfig } from '@target/config';
import { useBookstore } from './support';

const { db, makeApp } = useBookstore();

scaffold('the app boots and documents itself', () => {
  describe('GET /openapi.json', () => {
    it('When the document is requested, then it is served as JSON and validates as OpenAPI 3', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.openapi).toMatch(/^3\./);
      await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    });

    it('When the document is read, then it lists the operations of chapter 2 and the reviews under /api/v1', async () => {
      const { app } = makeApp();
      const { body } = await request(app).get('/openapi.json');
      expect(body.servers).toEqual([{ url: '/api/v1' }]);
      expect(Object.keys(body.paths).sort()).toEqual([
        '/authors',
        '/authors/{authorId}',
        '/books',
        '/books/{bookId}',
        '/books/{bookId}/reviews',
        '/books/{bookId}/reviews/{reviewId}',
      ]);
    });
  });

  describe('GET /docs', () => {
    it('When /docs/ is requested, then Swagger UI answers with its page', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/docs/');
      expect(res.status).toBe(200);
      expect(res.text).toContain('swagger-ui');
    });
  });

  describe('GET /api/v1/authors', () => {
    it('When the database is empty, then the API answers with an empty page', async () => {
      const { app } = makeApp();
      const res = await request(app).get('/api/v1/authors');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    });
  });
});

scaffold('the migrations', () => {
  it('When the migrations have been applied, then every table exists and the migration is recorded', async () => {
    const { rows: tables } = await db.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.name)).toEqual([
      '_prisma_migrations',
      'authors',
      'book_tags',
      'books',
      'reviews',
      'tags',
    ]);
    const { rows: applied } = await db.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    expect(applied.map((m) => m.name)).toEqual([expect.stringMatching(/^\d{14}_init$/)]);
  });

  it("When the drift check compares the solution's schema.prisma with its migrations, then they describe the same database", async () => {
    // The same command as `pnpm db:drift:solution`. It replays the migrations on a throwaway shadow database of the
    // server and exits with 2 when the result differs from the schema.
    const chapterDir = path.join(__dirname, '..');
    const bin = path.join(chapterDir, 'node_modules', '.bin', 'course-prisma');
    const args = ['migrate', 'diff', '--exit-code', '--schema', 'solution/prisma/schema.prisma'];
    const env = { ...process.env, DATABASE_URL: postgresUrl() };
    const result = await promisify(execFile)(bin, args, { cwd: chapterDir, env }).then(
      ({ stdout }) => ({ exitCode: 0, output: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        exitCode: error.code,
        output: `${error.stdout}${error.stderr}`,
      }),
    );
    expect(result).toEqual({ exitCode: 0, output: expect.stringContaining('empty migration') });
  }, 30_000);
});

scaffold('configuration', () => {
  const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/bookstore';

  it('When the environment sets only DATABASE_URL, then the defaults apply to the rest', () => {
    expect(loadConfig({ DATABASE_URL })).toEqual({
      port: 3003,
      logLevel: 'info',
      nodeEnv: 'development',
      databaseUrl: DATABASE_URL,
      databasePoolSize: 10,
    });
  });

  it('When the environment sets every variable, then they are used', () => {
    const env = {
      PORT: '8080',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      DATABASE_URL,
      DATABASE_POOL_SIZE: '25',
    };
    expect(loadConfig(env)).toMatchObject({ port: 8080, databaseUrl: DATABASE_URL, databasePoolSize: 25 });
  });

  it('When DATABASE_URL is missing, then loading fails and says so: there is no default to fall back on', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: '' })).toThrow(/DATABASE_URL must be set/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://localhost/db' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    );
  });

  it('When the pool size is not an integer from 1 to 100, then loading fails and names the variable', () => {
    for (const size of ['0', '101', 'ten', '2.5']) {
      expect(() => loadConfig({ DATABASE_URL, DATABASE_POOL_SIZE: size })).toThrow(
        /DATABASE_POOL_SIZE must be an integer from 1 to 100/,
      );
    }
  });
});
