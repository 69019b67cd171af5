import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli, USAGE, type Output } from './cli';
import { migrateDeploy } from './migrate-deploy';
import { createScratchProject, type ScratchProject } from './scratch-project';

let project: ScratchProject | undefined;

async function scratch(): Promise<ScratchProject> {
  project = await createScratchProject();
  return project;
}

afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** Runs the CLI on a scratch project and collects what it prints. */
async function run(p: ScratchProject, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  const paths = ['--schema', p.schemaPath, '--migrations', p.migrationsDir];
  const code = await runCli([...args, ...paths], io, { DATABASE_URL: p.databaseUrl });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('course-prisma', () => {
  it('When diff --exit-code finds the migrations and the schema in sync, then it exits with 0', async () => {
    const p = await scratch();

    expect(await run(p, 'migrate', 'diff', '--exit-code')).toMatchObject({ code: 0, err: '' });
  });

  it('When schema.prisma was edited without a migration, then diff --exit-code prints the SQL and exits with 2', async () => {
    const p = await scratch();
    p.editSchema('isbn  String @unique', 'isbn  String @unique\n  price Int?');

    const result = await run(p, 'migrate', 'diff', '--exit-code');

    expect(result.code).toBe(2);
    expect(result.out).toMatch(/ADD COLUMN\s+"price"/);
    expect(result.err).toContain('run migrate dev');
  });

  it('When diff runs without --exit-code, then it prints the difference and exits with 0', async () => {
    const p = await scratch();
    p.editSchema('isbn  String @unique', 'isbn  String @unique\n  price Int?');

    expect(await run(p, 'migrate', 'diff')).toMatchObject({ code: 0, out: expect.stringMatching(/"price"/) });
  });

  it('When migrate dev has nothing to create, then it names the database and says so', async () => {
    const p = await scratch();
    await migrateDeploy(p);

    const result = await run(p, 'migrate', 'dev');

    expect(result.code).toBe(0);
    expect(result.out).toContain(`Database: ${path.basename(p.databaseUrl)} on 127.0.0.1:5432`);
    expect(result.out).toContain('Already in sync');
  });

  it('When migrations are pending, then status lists them and exits with 1', async () => {
    const p = await scratch();

    const result = await run(p, 'migrate', 'status');

    expect(result.code).toBe(1);
    expect(result.out).toContain(`Pending:\n  ${p.migrationNames()[0]}`);
  });

  it('When a command fails, then it prints one line that starts with course-prisma: and exits with 1', async () => {
    const p = await scratch();

    const result = await run(p, 'migrate', 'reset');

    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^course-prisma: migrate reset deletes every table and row[^\n]*$/);
  });

  it('When the command is unknown, then it prints the usage and exits with 1', async () => {
    const err: string[] = [];

    const code = await runCli(
      ['migrate', 'fly'],
      { out: () => undefined, err: (line) => err.push(line) },
      {},
    );

    expect(code).toBe(1);
    expect(err.join('\n')).toContain(USAGE);
  });

  it('When the bin runs with --help, then tsx loads the TypeScript CLI and it prints the usage', async () => {
    const bin = path.resolve(__dirname, '..', 'bin', 'course-prisma.js');

    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--help']);

    expect(stdout.trim()).toBe(USAGE);
  });
});
