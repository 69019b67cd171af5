import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { resolveTarget } from '@course/jest-preset';

export const CHAPTER_DIR = path.resolve(__dirname, '..');
/** The tree under test: starter/, solution/, or a copy that `course check` built. */
export const TARGET_DIR = resolveTarget(CHAPTER_DIR);
export const MIGRATIONS = path.join(TARGET_DIR, 'db', 'migrations');
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A server process started by a test, with everything it printed. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or the signal's name) and how long after `since` it came. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** True once the process has exited and its output is all in `stdout` and `stderr`. */
  ended: boolean;
  output(): string;
}

/**
 * The command that runs the target's server.ts with Node itself as the process (no npm, no shell, no tsx CLI).
 * tsx's CommonJS hook alone is enough for the chapter's code, and starts faster than `--import tsx`, which also
 * runs an ES module loader on a thread of its own.
 */
export function serverCommand(): string[] {
  return [process.execPath, '--require', 'tsx/cjs', path.join(TARGET_DIR, 'server.ts')];
}

/**
 * Starts a process, collects its output line by line, and resolves once a line matches `ready` (or rejects when
 * it exits first, with its output, so that a failing test shows the server's own error).
 */
export async function startProcess(
  command: string[],
  env: Record<string, string>,
  ready: RegExp | null = /"message":"ready to serve"/,
  cwd = CHAPTER_DIR,
): Promise<ServerProcess> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { cwd, env: { PATH: process.env.PATH, ...env } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      into.push(...lines);
    };
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const output = () => [...stdout, ...stderr].join('\n');
  const server: ServerProcess = { child, port: 0, stdout, stderr, exited, ended: false, output };
  // 'close' comes after 'exit', once the pipes have delivered the last of the output.
  child.once('close', () => (server.ended = true));
  if (!ready) return server;

  const deadline = Date.now() + 20_000;
  for (;;) {
    const line = stdout.find((l) => ready.test(l));
    if (line) {
      const port = /"port":(\d+)/.exec(line);
      server.port = port ? Number(port[1]) : 0;
      return server;
    }
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not become ready. Its output:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The environment a spawned server runs with: port 0 and the test's database. */
export function serverEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    ...extra,
  };
}

/** Kills what a test started, if it still runs. */
export async function stopProcess(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await server.exited;
}

/**
 * Waits until `predicate` holds, polling; fails with `what` after `timeoutMs`. With `server`, it also fails as soon as
 * that process has ended without the predicate holding, since its output can no longer change, and shows the output.
 */
export async function waitFor(
  predicate: () => boolean,
  what: string,
  timeoutMs = 5_000,
  server?: ServerProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (server?.ended) {
      const { exitCode, signalCode } = server.child;
      const how = signalCode ? `was killed by ${signalCode}` : `exited with code ${exitCode}`;
      throw new Error(`The process ${how} before ${what}. Its output:\n${server.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The chapter's manifest: its port is the one the app, the image and the manifests must agree on. */
export const CHAPTER = JSON.parse(fs.readFileSync(path.join(CHAPTER_DIR, 'chapter.json'), 'utf8')) as {
  port: number;
};
