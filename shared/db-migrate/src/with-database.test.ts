import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withDatabase } from './with-database';

// The first use on a machine initialises PGlite's data directory, which takes several seconds.
jest.setTimeout(180_000);

const NOWHERE = 'postgres://postgres@127.0.0.1:1/postgres';
const saved = { DATABASE_URL: process.env.DATABASE_URL, COURSE_PGLITE: process.env.COURSE_PGLITE };
let dir: string;
let errors: string[];
const io = { out: () => undefined, err: (line: string) => errors.push(line) };

/** A command that asks the database it was given for its version and writes the answer to a file. */
function versionCommand(file: string): string[] {
  const script = `const { Client } = require(${JSON.stringify(require.resolve('pg'))});
const c = new Client({ connectionString: process.env.DATABASE_URL });
c.connect().then(() => c.query('SELECT version()')).then((r) => require('fs').writeFileSync(${JSON.stringify(file)}, r.rows[0].version)).finally(() => c.end());`;
  return [process.execPath, '-e', script];
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-db-'));
  errors = [];
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('course-db', () => {
  it('When nothing answers at DATABASE_URL, then the command runs on PGlite in .course/pglite, and it says so', async () => {
    process.env.DATABASE_URL = NOWHERE;
    const answer = path.join(dir, 'version.txt');

    const code = await withDatabase(['--', ...versionCommand(answer)], io, dir);

    expect(code).toBe(0);
    expect(fs.readFileSync(answer, 'utf8')).toMatch(/PGlite/);
    expect(errors.join('\n')).toMatch(
      /no PostgreSQL is reachable at .*:1\/postgres \(ECONNREFUSED\): using the embedded PostgreSQL/,
    );
    expect(fs.existsSync(path.join(dir, '.course', 'pglite', 'PG_VERSION'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.course', 'pglite', 'server.json'))).toBe(false);
  });

  it('When a server answers, then the command gets DATABASE_URL as it was', async () => {
    process.env.DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/postgres';
    const answer = path.join(dir, 'version.txt');

    expect(await withDatabase(['--', ...versionCommand(answer)], io, dir)).toBe(0);

    expect(fs.readFileSync(answer, 'utf8')).not.toMatch(/PGlite/);
    expect(errors).toEqual([]);
  });

  it('When the command needs a server and none answers, then it refuses with the reason', async () => {
    process.env.DATABASE_URL = NOWHERE;

    const code = await withDatabase(['--needs-server', 'it needs a shadow database', '--', 'true'], io, dir);

    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/this command needs a PostgreSQL server: it needs a shadow database/);
  });

  it('When the command is missing, then it prints the usage and exits with 2', async () => {
    expect(await withDatabase(['--needs-server'], io, dir)).toBe(2);
    expect(errors.join('\n')).toMatch(/^Usage: course-db/);
  });
});
