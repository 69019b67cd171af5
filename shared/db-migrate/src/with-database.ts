import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Output } from './cli';
import { DEFAULT_DATABASE_URL } from './probe';
import { baseDataDir, embeddedReason, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded';

export const WITH_DATABASE_USAGE = `Usage: course-db [--needs-server <why>] -- <command> [arguments...]
Runs the command against PostgreSQL at $DATABASE_URL (default ${DEFAULT_DATABASE_URL}). When nothing answers there,
or COURSE_PGLITE=1 is set, it starts the embedded PostgreSQL (PGlite) on .course/pglite in this folder, sets
DATABASE_URL to it, and stops it when the command ends. With --needs-server, it refuses instead and says why.`;

/** What `server.json` in the data directory says about the embedded server that another command started there. */
interface RunningServer {
  pid: number;
  url: string;
}

/**
 * Runs `command` with a database: the server at DATABASE_URL when one answers, otherwise the embedded PostgreSQL on
 * a data directory that persists between commands (so `db:migrate`, `db:seed` and `dev` see the same rows). A
 * second command while the first still runs (a seed while `dev` serves) connects to the server the first started.
 */
export async function withDatabase(argv: string[], io: Output, cwd = process.cwd()): Promise<number> {
  const split = argv.indexOf('--');
  const options = split === -1 ? [] : argv.slice(0, split);
  const command = split === -1 ? [] : argv.slice(split + 1);
  const needsServer = options[0] === '--needs-server' ? options[1] : undefined;
  if (command.length === 0 || (options.length > 0 && !needsServer)) {
    io.err(WITH_DATABASE_USAGE);
    return 2;
  }

  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const reason = await embeddedReason(url);
  if (!reason) return run(command, process.env);
  if (needsServer) {
    io.err(
      `course-db: ${reason}, and this command needs a PostgreSQL server: ${needsServer}. See docs/setup.md.`,
    );
    return 1;
  }

  const dataDir = path.join(cwd, '.course', 'pglite');
  const running = runningServer(dataDir);
  if (running) {
    io.err(
      `course-db: ${reason}: using the embedded PostgreSQL (PGlite) already serving ${dataDir} at ${running.url}`,
    );
    return run(command, { ...process.env, DATABASE_URL: running.url });
  }
  if (!fs.existsSync(dataDir)) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.cpSync(await baseDataDir(), dataDir, { recursive: true });
  }
  const server = await startEmbeddedPostgres(dataDir);
  io.err(`course-db: ${reason}: using the embedded PostgreSQL (PGlite) in ${dataDir} at ${server.url}`);
  return serve(server, () => run(command, { ...process.env, DATABASE_URL: server.url }));
}

async function serve(server: EmbeddedPostgres, fn: () => Promise<number>): Promise<number> {
  const file = path.join(server.dataDir, 'server.json');
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid, url: server.url } satisfies RunningServer));
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
    await server.stop();
  }
}

function runningServer(dataDir: string): RunningServer | undefined {
  try {
    const found = JSON.parse(fs.readFileSync(path.join(dataDir, 'server.json'), 'utf8')) as RunningServer;
    process.kill(found.pid, 0);
    return found;
  } catch {
    return undefined;
  }
}

/** Runs the command with inherited stdio, passes Ctrl-C and SIGTERM on, and resolves with its exit code. */
function run(command: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), {
      stdio: 'inherit',
      env,
      shell: process.platform === 'win32',
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`course-db: could not run ${command[0]}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}
