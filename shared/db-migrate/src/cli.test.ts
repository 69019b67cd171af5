import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from './cli';
import {
  createMigrationsFolder,
  createScratchDatabase,
  writeMigrations,
  type ScratchDatabase,
} from './scratch-database';

const BIN = path.join(__dirname, '..', 'bin', 'course-migrate.js');

let db: ScratchDatabase;
let dir: string;
beforeEach(async () => {
  db = await createScratchDatabase();
  dir = createMigrationsFolder();
  writeMigrations(dir, {
    '20250101000000_authors': 'CREATE TABLE authors (id SERIAL PRIMARY KEY);\n',
    '20250102000000_books': 'CREATE TABLE books (id SERIAL PRIMARY KEY);\n',
  });
});
afterEach(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('course-migrate', () => {
  it('When deploy runs, then it applies the pending migrations and status then exits with 0', async () => {
    const deploy = await run('deploy', '--dir', dir, '--url', db.url);
    const status = await run('status', '--dir', dir, '--url', db.url);

    expect(deploy.code).toBe(0);
    expect(deploy.out).toContain('Applied migration 20250101000000_authors');
    expect(deploy.out).toContain('Applied migration 20250102000000_books');
    expect(status).toMatchObject({ code: 0, out: expect.stringContaining('Database is up to date') });
  });

  it('When migrations are pending, then status lists them and exits with 1', async () => {
    const status = await run('status', '--dir', dir, '--url', db.url);

    expect(status.code).toBe(1);
    expect(status.out).toBe('Pending:\n  20250101000000_authors\n  20250102000000_books');
  });

  it('When the server is unreachable, then the error names it without its password', async () => {
    const result = await run(
      'deploy',
      '--dir',
      dir,
      '--url',
      'postgres://postgres:s3cret@127.0.0.1:1/postgres',
    );

    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'PostgreSQL is not reachable at postgres://postgres:***@127.0.0.1:1/postgres',
    );
    expect(result.err).not.toContain('s3cret');
  });

  it('When the command or --dir is missing, then it prints the usage and exits with 2', async () => {
    expect(await run('deploy')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Usage: course-migrate'),
    });
    expect(await run('--dir', dir)).toMatchObject({ code: 2 });
  });

  it('When the bin is run with DATABASE_URL set, then it migrates that database', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'deploy', '--dir', dir], {
      env: { ...process.env, DATABASE_URL: db.url },
    });

    expect(stdout).toContain('Applied 2 migration(s)');
    expect(await db.query('SELECT id FROM _prisma_migrations')).toHaveLength(2);
  });
});
