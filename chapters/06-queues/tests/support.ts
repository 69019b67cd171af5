import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveTarget } from '@course/jest-preset';
import { useTestDatabase, type TestDatabase } from '@course/test-harness/postgres';
import { useTestRedis, type TestRedis } from '@course/test-harness/redis';
import type { RedisOptions } from 'ioredis';
import { ReliableQueue, type ReliableQueueOptions } from '@target/queue/reliable-queue';
import { Worker, type WorkerOptions } from '@target/queue/worker';
import { freePort } from '@course/test-harness/ports';

export const chapterDir = path.join(__dirname, '..');
/** The tree under test (starter/, solution/, or a copy that `course check` made). */
export const targetDir = resolveTarget(chapterDir);
export const migrationsDir = path.join(targetDir, 'database', 'migrations');

export interface QueueTest {
  db: TestDatabase;
  redis: TestRedis;
  /** A queue with a name of its own (so tests never share keys) on the file's Redis prefix. */
  makeQueue(options?: Partial<ReliableQueueOptions>): ReliableQueue;
}

let queues = 0;

/** Gives the calling test file its own database and Redis prefix; empties the tables before every test. */
export function useQueueTest(): QueueTest {
  const db = useTestDatabase({ migrationsDir });
  const redis = useTestRedis();
  beforeEach(() => db.truncate());
  return {
    db,
    redis,
    makeQueue: (options = {}) =>
      new ReliableQueue({ redis: redis.client, name: `q${(queues += 1)}`, ...options }),
  };
}

/** A client on the test prefix that waits for Redis instead of failing: what a worker uses. */
export const WORKER_REDIS: RedisOptions = { maxRetriesPerRequest: null, retryStrategy: () => 50 };

/**
 * What a worker under test reported from an exercise stub ("Exercise 6.1 is not done yet: ..."). waitFor() fails
 * with it at once instead of waiting for a timeout, so an unsolved exercise says so quickly.
 */
const stubFailures: string[] = [];
const STUB = /Exercise \d+\.\d+ is not done yet[^"\\]*/;
afterEach(() => {
  stubFailures.length = 0;
});

function noteStub(text: string): void {
  const stub = STUB.exec(text);
  if (stub && !stubFailures.includes(stub[0])) stubFailures.push(stub[0]);
}

/** A logger for in-process workers that notices exercise stubs; otherwise silent. */
const stubWatcher = {
  info: () => {},
  warn: (message: string, meta?: Record<string, unknown>) => noteStub(`${message} ${JSON.stringify(meta)}`),
  error: (message: string, meta?: Record<string, unknown>) => noteStub(`${message} ${JSON.stringify(meta)}`),
};

/** Polls `check` until it returns true; fails with `what` after `timeoutMs`, or at once when a worker hit a stub. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (stubFailures.length > 0)
      throw new Error(`While waiting for ${what}, a worker failed: ${stubFailures[0]}`);
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * Waits until job `id` is dead-lettered. A job that has already run more often than `attempts` allows is being
 * retried instead, and never will be: that fails at once, saying so, rather than after the timeout.
 */
export async function waitForDeadLetter(queue: ReliableQueue, id: string, attempts: number): Promise<void> {
  await waitFor(`job ${id} to be dead-lettered`, async () => {
    const job = await queue.getJob(id);
    if (job?.state === 'dead') return true;
    if (job && job.attempts > attempts) {
      throw new Error(
        `Job ${id} ran ${job.attempts} times and is ${job.state}, not dead: after ${attempts} ` +
          `${attempts === 1 ? 'run' : 'runs'} it should have gone to the dead-letter list instead of being retried.`,
      );
    }
    return false;
  });
}

export interface LogLine {
  level: string;
  message: string;
  [field: string]: unknown;
}

export interface Child {
  process: ChildProcess;
  logs: LogLine[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLog(message: string, timeoutMs?: number): Promise<LogLine>;
}

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});

/**
 * Runs one of the target's entry files (worker.main.ts, ...) in a child process with `env`. Node with tsx's
 * CommonJS hook (`--require tsx/cjs`, which starts faster than `--import tsx`) keeps it one process, so a kill -9
 * reaches the worker itself and not a wrapper.
 */
export function spawnTarget(entry: string, env: Record<string, string | number>): Child {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(targetDir, entry)], {
    cwd: chapterDir,
    env: {
      PATH: process.env.PATH,
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const logs: LogLine[] = [];
  let stderr = '';
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      noteStub(line);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 'raw', message: line });
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return {
    process: child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog: async (message, timeoutMs = 15_000) => {
      let found: LogLine | undefined;
      await waitFor(
        `the log line "${message}" (stderr: ${stderr.slice(-500)})`,
        () => {
          found = logs.find((line) => line.message === message);
          return found !== undefined || child.exitCode !== null;
        },
        timeoutMs,
      );
      if (!found) throw new Error(`The process exited before logging "${message}": ${stderr.slice(-2_000)}`);
      return found;
    },
  };
}

/** A port that was free a moment ago. */

export interface PrivateRedis {
  url: string;
  /** kill -9 the server; with appendfsync always, every acknowledged write is on disk already. */
  crash(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and deletes its files. */
  destroy(): Promise<void>;
}

/**
 * A redis-server of the test's own, on a free port, persisting every write (AOF, fsync always), so it can be
 * crashed and restarted. The machine's server on 6379 is never touched.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch06-redis-'));
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
    args.push('--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(`redis-server on port ${port} (${output.slice(-300)})`, () =>
        output.includes('Ready to accept connections'),
      );
    } catch (error) {
      // A server that never got ready must not outlive the test, or it keeps jest from exiting.
      child.kill('SIGKILL');
      throw error;
    }
  };
  const crash = async () => {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    crash,
    start,
    destroy: async () => {
      await crash();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Enqueues `count` report jobs and returns their ids. */
export async function enqueueReports(queue: ReliableQueue, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    ids.push(await queue.enqueue('build-report', { reportId: randomUUID(), kind: 'stock' }));
  }
  return ids;
}

/** The report files written so far: how many, and for how many different jobs. */
export async function reportFiles(db: TestDatabase): Promise<{ total: number; jobs: number }> {
  const { rows } = await db.query<{ total: number; jobs: number }>(
    'SELECT count(*)::int AS total, count(DISTINCT job_id)::int AS jobs FROM report_files',
  );
  return rows[0]!;
}

const workers = new Set<Worker>();
afterEach(async () => {
  await Promise.all([...workers].map((worker) => worker.abort()));
  workers.clear();
});

/** Starts an in-process worker that is stopped after the test. */
export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const worker = new Worker({ pollMs: 50, logger: stubWatcher, ...options });
  workers.add(worker);
  await worker.start();
  return worker;
}

/** The environment of a worker.main.ts child on the test's database, Redis prefix and queue. */
export function workerEnv(
  test: QueueTest,
  queue: ReliableQueue,
  extra: Record<string, string | number> = {},
) {
  return {
    DATABASE_URL: test.db.url,
    REDIS_URL: test.redis.url,
    REDIS_KEY_PREFIX: test.redis.prefix,
    QUEUE_NAME: queue.name,
    VISIBILITY_MS: queue.visibilityMs,
    MAX_ATTEMPTS: queue.maxAttempts,
    POLL_MS: 100,
    ...extra,
  };
}
