import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exercise } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import {
  CHAPTER_DIR,
  MIGRATIONS,
  serverEnv,
  startProcess,
  stopProcess,
  TARGET_DIR,
  type ServerProcess,
} from './support';

// The image's build stage runs `pnpm deploy --prod` and the runtime stage runs what it made, as the unprivileged
// `node` user with NODE_ENV=production. No container runtime is needed to try that much: build the same bundle into
// a temporary folder, put the code under test in it, and run it as an unprivileged user.

const REPO_ROOT = path.resolve(CHAPTER_DIR, '..', '..');
const PACKAGE = '@course/ch07-operations';
/** nobody: the uid a root test drops to. A test that is not root is unprivileged already. */
const UNPRIVILEGED = 65534;

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
let bundle: string;
let server: ServerProcess | undefined;

beforeAll(() => {
  bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'ch07-bundle-'));
  // mkdtemp makes it private to its owner; the unprivileged user must be able to read it.
  fs.chmodSync(bundle, 0o755);
  const deploy = spawnSync(
    'pnpm',
    ['deploy', '--prod', '--offline', '--filter', PACKAGE, path.join(bundle, 'app')],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (deploy.status !== 0) {
    throw new Error(`pnpm deploy --prod failed (${deploy.status}):\n${deploy.stdout}\n${deploy.stderr}`);
  }
  // The code under test (solution/, starter/ or a copy that course check made) beside the deployed dependencies.
  fs.cpSync(TARGET_DIR, path.join(bundle, 'app', 'target'), { recursive: true });
}, 60_000);

afterAll(async () => {
  await stopProcess(server);
  fs.rmSync(bundle, { recursive: true, force: true });
});

exercise('7.5', () => {
  it('When the bundle is built as the Dockerfile builds it, then it holds the production dependencies and no dev tool', () => {
    const modules = path.join(bundle, 'app', 'node_modules');
    for (const runtime of ['express', 'pg', 'ioredis', 'prom-client', 'tsx', '@course/platform']) {
      expect(fs.existsSync(path.join(modules, runtime))).toBe(true);
    }
    for (const devTool of ['jest', 'typescript', '@types/node', 'dockerfile-ast']) {
      expect(fs.existsSync(path.join(modules, devTool))).toBe(false);
    }
  });

  it('When the bundle runs as an unprivileged user with NODE_ENV=production, then it serves, is ready, and stops on SIGTERM with exit 0', async () => {
    const root = process.getuid?.() === 0;
    const drop = root
      ? ['setpriv', `--reuid=${UNPRIVILEGED}`, `--regid=${UNPRIVILEGED}`, '--clear-groups']
      : [];
    const app = path.join(bundle, 'app');
    server = await startProcess(
      [...drop, process.execPath, '--import', 'tsx', path.join(app, 'target', 'server.ts')],
      serverEnv(db.url, { NODE_ENV: 'production' }),
      /"message":"ready to serve"/,
      app,
    );

    const uid = Number(
      execFileSync('ps', ['-o', 'uid=', '-p', String(server.child.pid)], { encoding: 'utf8' }),
    );
    expect(uid).not.toBe(0);
    expect(server.stdout.join('\n')).toContain('"nodeEnv":"production"');
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const books = await fetch(`${base}/api/v1/books`);
    expect(books.status).toBe(200);
    // Production answers carry no stack and no framework banner.
    expect(books.headers.get('x-powered-by')).toBeNull();

    server.child.kill('SIGTERM');
    expect(await server.exited).toMatchObject({ code: 0 });
  });
});
