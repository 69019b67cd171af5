import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import manifest from '../package.json';
import { CONNECT_TIMEOUT_MS, embeddedMode, probedByParent, probeTarget } from './probe';
import { redactUrl } from './redact-url';
import { unreachableReason } from './unreachable';

// The embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) served over the wire protocol by
// @electric-sql/pglite-socket, in a child process per data directory. It stands in where no server is reachable.

const SERVER_SCRIPT = path.join(__dirname, 'embedded-server.mjs');
/** How long a PGlite server may take to start; initdb of a new data directory takes several seconds. */
const START_TIMEOUT_MS = 120_000;

export { embeddedMode, type EmbeddedMode } from './probe';

/**
 * Why the embedded database should be used for `url`, or undefined to use the server there: it is forced, or
 * nothing answers at that address. A server that answers with an error (a wrong password) is not replaced: its
 * error is the one to show.
 */
export async function embeddedReason(
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const mode = embeddedMode(env);
  if (mode === 'always') return 'COURSE_PGLITE=1';
  if (mode === 'never') return undefined;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    const reason = unreachableReason(error);
    return reason ? `no PostgreSQL is reachable at ${redactUrl(url)} (${reason})` : undefined;
  }
}

/**
 * The same decision, made synchronously, for code that must decide while a test file loads (which tests to
 * register). A parent that probed the URL already (the course CLI does, see probe.ts) has left its answer in the
 * environment; otherwise a child process tries a TCP connection, which takes about a tenth of a second.
 */
export function embeddedInUseSync(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = embeddedMode(env);
  if (mode !== 'auto') return mode === 'always';
  const probed = probedByParent(url, env);
  if (probed !== undefined) return !probed;
  const { host, port } = probeTarget(url);
  const probe = `const s = require('node:net').connect(${port}, ${JSON.stringify(host)});
s.setTimeout(${CONNECT_TIMEOUT_MS}, () => process.exit(1));
s.on('connect', () => process.exit(0)).on('error', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe]).status !== 0;
}

/** One PGlite server on a data directory. */
export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres; PGlite has one database, whatever name a client asks for. */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the server and waits until its data directory is flushed and released. */
  stop(): Promise<void>;
}

/** Starts a PGlite server on `dataDir` (created and initialised when it does not exist) on a free local port. */
export async function startEmbeddedPostgres(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
  const child = spawn(process.execPath, [SERVER_SCRIPT, dataDir, String(port)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const listening = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => fail(new Error(`timed out after ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(
        new Error(`The embedded PostgreSQL did not start on ${dataDir}: ${error.message}\n${stderr}`.trim()),
      );
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`it exited with code ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (!stdout.includes('\n') || !line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  // The child must not keep a test run or a CLI alive by itself; stop() is what ends it.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr])
    (stream as { unref?: () => void } | null)?.unref?.();
  return {
    url: `postgres://postgres@127.0.0.1:${listening}/postgres`,
    dataDir,
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin!.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Where initialised and migrated data directories are kept between runs, per PGlite version. */
export function embeddedCacheDir(): string {
  // The version this package pins; a data directory is only readable by the PGlite that wrote it.
  const version = manifest.dependencies['@electric-sql/pglite'];
  return path.join(os.tmpdir(), `course-pglite-${version}-${process.getuid?.() ?? 'user'}`);
}

/**
 * A data directory in the cache, built by `build` the first time. Concurrent callers (jest workers, parallel
 * chapters) wait on a lock directory while one of them builds into a temporary directory, which is renamed into
 * place only when it is complete. A lock whose owner died is broken.
 */
export async function cachedDataDir(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const root = embeddedCacheDir();
  fs.mkdirSync(root, { recursive: true });
  const final = path.join(root, name);
  const lock = `${final}.lock`;
  for (;;) {
    if (fs.existsSync(final)) {
      const now = new Date();
      fs.utimesSync(final, now, now); // last use, for dropStaleDataDirs
      return final;
    }
    try {
      fs.mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (fs.existsSync(final)) continue;
      const temporary = `${final}.tmp-${process.pid}`;
      fs.rmSync(temporary, { recursive: true, force: true });
      try {
        await build(temporary);
        fs.renameSync(temporary, final);
      } finally {
        fs.rmSync(temporary, { recursive: true, force: true });
      }
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return false;
    // No pid file yet: the owner is between mkdir and writing it, unless that was long ago.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return Date.now() - fs.statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 10_000;
    }
    return true;
  }
}

/** An initialised, empty data directory: PGlite's initdb runs once per machine, not once per template. */
export function baseDataDir(): Promise<string> {
  return cachedDataDir('base', async (dir) => {
    const server = await startEmbeddedPostgres(dir);
    await server.stop();
  });
}

/**
 * The data directory named `name`, made by copying the base directory and running `prepare` against a server on
 * it. The harness keys it by a hash of the migrations, like its template databases.
 */
export async function preparedDataDir(
  name: string,
  prepare: (url: string) => Promise<void>,
): Promise<string> {
  const base = await baseDataDir();
  return cachedDataDir(name, async (dir) => {
    fs.cpSync(base, dir, { recursive: true });
    const server = await startEmbeddedPostgres(dir);
    try {
      await prepare(server.url);
    } finally {
      await server.stop();
    }
  });
}

/** Removes cached data directories not used for `maxAgeMs` (a day by default), except `keep`. */
export function dropStaleDataDirs(keep: string[], maxAgeMs = 24 * 60 * 60_000): string[] {
  const root = embeddedCacheDir();
  if (!fs.existsSync(root)) return [];
  const dropped: string[] = [];
  for (const entry of fs.readdirSync(root)) {
    const dir = path.join(root, entry);
    if (entry === 'base' || keep.includes(dir) || entry.includes('.')) continue;
    if (Date.now() - fs.statSync(dir).mtimeMs < maxAgeMs) continue;
    fs.rmSync(dir, { recursive: true, force: true });
    dropped.push(entry);
  }
  return dropped;
}
