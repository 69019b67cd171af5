import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrate, migrationStatus } from './migrate';
import type { MigrationStatus } from './migration-status';
import { DEFAULT_DATABASE_URL } from './probe';
import { redactUrl } from './redact-url';

export const USAGE = `Usage: course-migrate <deploy|status> --dir <migrations folder> [--url <database URL>]

  deploy   apply the pending migrations
  status   compare the folder with the database; exits with 1 unless it is up to date

The URL defaults to $DATABASE_URL, then to ${DEFAULT_DATABASE_URL}.`;

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = { out: (line) => console.log(line), err: (line) => console.error(line) };

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { dir: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

/** Runs `course-migrate` with the given arguments and returns the exit code. */
export async function runCli(argv: string[], io: Output = consoleOutput): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if ((command !== 'deploy' && command !== 'status') || positionals.length !== 1 || !values.dir) {
    io.err(USAGE);
    return 2;
  }

  const connectionString = values.url ?? (process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const migrationsDir = path.resolve(values.dir);
  try {
    if (command === 'deploy') {
      const { applied } = await migrate({ connectionString, migrationsDir, log: io.out });
      io.out(
        applied.length === 0
          ? `No pending migrations: ${redactUrl(connectionString)} is up to date.`
          : `Applied ${applied.length} migration(s) to ${redactUrl(connectionString)}.`,
      );
      return 0;
    }
    const status = await migrationStatus({ connectionString, migrationsDir });
    printStatus(status, io);
    return isUpToDate(status) ? 0 : 1;
  } catch (error) {
    io.err(`course-migrate: ${(error as Error).message}`);
    return 1;
  }
}

function isUpToDate(status: MigrationStatus): boolean {
  return [status.pending, status.edited, status.missing, status.failed].every((names) => names.length === 0);
}

function printStatus(status: MigrationStatus, io: Output): void {
  const sections: [string, string[]][] = [
    ['Applied', status.applied],
    ['Pending', status.pending],
    ['Edited after they were applied', status.edited],
    ['Recorded in the database but missing from the folder', status.missing],
    ['Started and never finished', status.failed],
  ];
  for (const [title, names] of sections) {
    if (names.length === 0) continue;
    io.out(`${title}:`);
    for (const name of names) io.out(`  ${name}`);
  }
  if (isUpToDate(status)) io.out(`Database is up to date (${status.applied.length} migration(s) applied).`);
}
