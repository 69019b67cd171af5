import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { resolveTarget } from '@course/jest-preset';
import { scaffold } from '@course/test-harness';
import { postgresUrl } from '@course/test-harness/postgres';
import request from 'supertest';
import { ConfigError, loadConfig } from '@target/config';
import { ALLOWED_ORIGIN, API, expectProblem, TEST_SECRET, useBookstore, waitForLog } from './support';

const chapterDir = path.join(__dirname, '..');
const VALID = { JWT_SECRET: TEST_SECRET, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bookstore' };

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A tsconfig for tsx that covers the target tree. tsx applies a tsconfig only to the files it includes, and the
 * target may be a folder that no tsconfig of the chapter includes (a mutant, the pristine starter).
 */
function tsconfigFor(targetDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch04-tsx-'));
  const file = path.join(dir, 'tsconfig.json');
  const config = {
    extends: path.join(chapterDir, 'tsconfig.json'),
    include: [path.join(targetDir, '**', '*.ts')],
  };
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Runs the target's server.ts with `env`; calls `whileRunning` once it logs that it listens, then stops it. */
function runServer(
  env: Record<string, string>,
  whileRunning?: (port: number) => Promise<void>,
): Promise<Exit> {
  const targetDir = resolveTarget(chapterDir);
  const tsconfig = tsconfigFor(targetDir);
  // Node itself runs the server, with tsx's CommonJS hook as a loader. The tsx CLI would sit in between as a parent
  // that relays SIGTERM and, if the child does not confirm within 30 ms (as on a loaded machine), kills it with
  // SIGKILL.
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(targetDir, 'server.ts')], {
    cwd: chapterDir,
    env: { PATH: process.env.PATH, TSX_TSCONFIG_PATH: tsconfig, ...env },
  });
  child.on('close', () => fs.rmSync(path.dirname(tsconfig), { recursive: true, force: true }));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const listening = /"message":"listening","port":(\d+)/.exec(stdout);
    if (listening && whileRunning) {
      const run = whileRunning;
      whileRunning = undefined;
      void run(Number(listening[1])).finally(() => child.kill('SIGTERM'));
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

scaffold('configuration', () => {
  it('When only the required variables are set, then the defaults apply', () => {
    const config = loadConfig(VALID);
    expect(config).toMatchObject({
      port: 3004,
      nodeEnv: 'development',
      bcryptCost: 12,
      corsOrigins: [],
      trustProxyHops: 0,
      tokens: {
        secret: TEST_SECRET,
        accessTtlSeconds: 900,
        issuer: 'bookstore-api',
        audience: 'bookstore-clients',
      },
    });
  });

  it('When JWT_SECRET is missing, then loading fails, says how to make one, and nothing has a default', () => {
    expect(() => loadConfig({ ...VALID, JWT_SECRET: undefined })).toThrow(ConfigError);
    expect(() => loadConfig({ ...VALID, JWT_SECRET: '' })).toThrow(/JWT_SECRET must be set.*openssl rand/);
  });

  it('When JWT_SECRET is shorter than 32 characters, then loading fails without echoing it', () => {
    const short = 'x'.repeat(31);
    expect(() => loadConfig({ ...VALID, JWT_SECRET: short })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ ...VALID, JWT_SECRET: short })).not.toThrow(new RegExp(short));
  });

  it('When BCRYPT_COST is below 10, then only the test environment accepts it, down to 4', () => {
    expect(() => loadConfig({ ...VALID, BCRYPT_COST: '9' })).toThrow(
      /BCRYPT_COST must be an integer from 10/,
    );
    expect(loadConfig({ ...VALID, NODE_ENV: 'test', BCRYPT_COST: '4' }).bcryptCost).toBe(4);
    expect(() => loadConfig({ ...VALID, NODE_ENV: 'test', BCRYPT_COST: '3' })).toThrow(/from 4/);
  });

  it('When CORS_ORIGINS lists origins, then they are kept, and anything that is not an origin is refused', () => {
    const env = { ...VALID, CORS_ORIGINS: 'https://shop.example, http://localhost:5173' };
    expect(loadConfig(env).corsOrigins).toEqual(['https://shop.example', 'http://localhost:5173']);
    for (const bad of ['*', 'shop.example', 'https://shop.example/', 'https://shop.example/path']) {
      expect(() => loadConfig({ ...VALID, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS must list origins/);
    }
  });

  it('When several variables are wrong, then one error reports all of them', () => {
    expect(() => loadConfig({ PORT: 'x', BCRYPT_COST: '40' })).toThrow(
      /PORT must be[^]*DATABASE_URL must be set[^]*BCRYPT_COST must be[^]*JWT_SECRET must be set/,
    );
  });
});

scaffold('the server starts only with a signing secret', () => {
  it('When JWT_SECRET is not set, then the server refuses to start and says why', async () => {
    const { code, stderr } = await runServer({ DATABASE_URL: postgresUrl() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET must be set/);
  }, 30_000);

  it('When JWT_SECRET is set, then the server listens, serves its document, and stops on SIGTERM', async () => {
    let status = 0;
    const { code } = await runServer(
      { DATABASE_URL: postgresUrl(), JWT_SECRET: TEST_SECRET, PORT: '0' },
      async (port) => {
        status = (await fetch(`http://127.0.0.1:${port}/openapi.json`)).status;
      },
    );
    expect({ status, code }).toEqual({ status: 200, code: 0 });
  }, 30_000);
});

scaffold('the OpenAPI document and Swagger UI', () => {
  const store = useBookstore();

  it('When the document is requested, then it validates as OpenAPI 3 and declares bearer authentication', async () => {
    const res = await request(store.app).get('/openapi.json');
    expect(res.status).toBe(200);
    await expect(SwaggerParser.validate(structuredClone(res.body))).resolves.toBeDefined();
    expect(res.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  });

  it('When an operation reads or changes the catalogue or users, then it requires a bearer token', async () => {
    const { body } = await request(store.app).get('/openapi.json');
    const operations = Object.entries(body.paths as Record<string, Record<string, { security?: unknown }>>)
      .filter(([route]) => !route.startsWith('/auth/') || route === '/auth/me')
      .flatMap(([route, methods]) => Object.entries(methods).map(([method, op]) => ({ route, method, op })));
    expect(operations.length).toBeGreaterThan(10);
    for (const { route, method, op } of operations) {
      expect({ route, method, security: op.security }).toEqual({
        route,
        method,
        security: [{ bearer: expect.any(Array) }],
      });
    }
  });

  it('When /docs/ is requested, then Swagger UI answers under a CSP that allows only its own scripts', async () => {
    const res = await request(store.app).get('/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
    const csp = res.headers['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval/);
  });
});

scaffold('a method the path does not have', () => {
  const store = useBookstore();

  it('When it comes with a body that is not JSON, then the method is answered first: 405 with Allow, not 415', async () => {
    const res = await request(store.app)
      .put(`${API}/books`)
      .set('Content-Type', 'text/plain')
      .send('a title');
    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe('GET, POST, HEAD');
  });
});

scaffold('security headers', () => {
  const store = useBookstore();

  it('When any response goes out, success or problem, then it carries the security headers', async () => {
    for (const res of [
      await request(store.app).get('/openapi.json'),
      await request(store.app).get('/no/such/thing'),
      await request(store.app).post(`${API}/auth/login`).set('Content-Type', 'text/plain').send('x'),
    ]) {
      expect(res.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'strict-transport-security': expect.stringContaining('max-age='),
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

scaffold('CORS allow-list', () => {
  const store = useBookstore();

  it('When an allowed origin calls, then the response lets it read the answer and the useful headers', async () => {
    const res = await request(store.app).get('/openapi.json').set('Origin', ALLOWED_ORIGIN);
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(res.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('When another origin calls, then the response has no CORS headers at all', async () => {
    const res = await request(store.app).get('/openapi.json').set('Origin', 'https://evil.example');
    const corsHeaders = Object.keys(res.headers).filter((name) => name.startsWith('access-control-'));
    expect(corsHeaders).toEqual([]);
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('When an allowed origin sends a preflight, then it may send Authorization; another origin may not', async () => {
    const preflight = (origin: string) =>
      request(store.app)
        .options(`${API}/books`)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization, content-type');
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-headers']).toMatch(/authorization/i);
    const refused = await preflight('https://evil.example');
    expect(Object.keys(refused.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

scaffold('request ids in the log', () => {
  const store = useBookstore();

  it('When requests without a token come at once, then every line logged while serving each one carries its id', async () => {
    const ids = ['req-1', 'req-2', 'req-3'];
    // Without a token: 401 once 4.4 is done, and a 500 naming the exercise before; logged either way.
    const responses = await Promise.all(
      ids.map((id) => request(store.app).get(`${API}/books`).set('X-Request-Id', id)),
    );
    expect(responses.map((res) => res.status >= 400)).toEqual([true, true, true]);
    for (const id of ids) {
      await waitForLog(
        store.logs,
        (entry) => entry.message === 'request completed' && entry.requestId === id,
      );
      // The access line and the error handler's line, at least.
      expect(store.logs.filter((entry) => entry.requestId === id).length).toBeGreaterThanOrEqual(2);
    }
    expect(store.logs.filter((entry) => entry.requestId === undefined)).toEqual([]);
  });
});
