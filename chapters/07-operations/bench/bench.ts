/*
 * What does graceful shutdown buy during a rolling restart? Run it with `pnpm bench`; DATABASE_URL and REDIS_URL name
 * the servers (the benchmark creates and drops a database of its own). It reports numbers from one run and asserts
 * nothing.
 *
 * A small load balancer of the benchmark's own stands in for a Kubernetes Service: it polls each backend's /readyz
 * every 100 ms (a backend is out after two failed probes in a row) and sends each request, round robin, to a backend
 * that is in, without retrying. A load generator
 * sends GET /api/v1/books through it at a fixed rate. Mid-run, a second server starts; once the balancer sees it
 * ready, the first server is stopped, twice over:
 *
 * - abrupt: the process dies at once, as a Node process without a SIGTERM handler does (SIGKILL here, which has the
 *   same effect and does not depend on how the server was written);
 * - graceful: SIGTERM to the solution's server, which fails /readyz first, keeps serving for SHUTDOWN_DELAY_MS, then
 *   stops accepting, finishes what is in flight and closes its pools.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, dropTestDatabase } from '@course/test-harness/postgres';
import autocannon from 'autocannon';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CHAPTER = path.resolve(__dirname, '..');

const RATE = 200; // requests per second, over all connections
const SECONDS = 8;
const RESTART_AT_MS = 3_000;
const PROBE_EVERY_MS = 100;
const FAILURE_THRESHOLD = 2;
const SHUTDOWN_DELAY_MS = 500; // five probe periods: the balancer has seen the 503 long before the listener closes

interface Backend {
  child: ChildProcess;
  port: number;
  ready: boolean;
  exited: Promise<void>;
}

/** Starts the solution's server on a free port; resolves once it logs that it is ready to serve. */
async function startBackend(databaseUrl: string): Promise<Backend> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(CHAPTER, 'solution', 'server.ts')], {
    cwd: CHAPTER,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: '0',
      // 'ready to serve' is logged at info; the access lines that follow are read and dropped.
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      SHUTDOWN_DELAY_MS: String(SHUTDOWN_DELAY_MS),
      SHUTDOWN_BUDGET_MS: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        try {
          const entry = JSON.parse(line) as { message?: string; port?: number };
          if (entry.message === 'ready to serve' && entry.port) {
            clearTimeout(timer);
            child.stdout!.off('data', onData);
            child.stdout!.resume();
            resolve(entry.port);
            return;
          }
        } catch {
          // Not a JSON line (yet): keep reading.
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  return { child, port, ready: false, exited };
}

/** The balancer: round robin over the backends whose last /readyz was 200; a failed proxy attempt is a 502. */
function startBalancer(backends: Backend[]) {
  let next = 0;
  // As a kubelet does: a probe times out after a second, and a backend is taken out after two failures in a row.
  const failures = new Map<Backend, number>();
  const probed = (backend: Backend, ok: boolean) => {
    const count = ok ? 0 : (failures.get(backend) ?? 0) + 1;
    failures.set(backend, count);
    if (ok) backend.ready = true;
    else if (count >= FAILURE_THRESHOLD) backend.ready = false;
  };
  const probes = setInterval(() => {
    for (const backend of backends) {
      const req = http.get(
        { host: '127.0.0.1', port: backend.port, path: '/readyz', timeout: 1_000 },
        (res) => {
          probed(backend, res.statusCode === 200);
          res.resume();
        },
      );
      req.on('timeout', () => req.destroy(new Error('probe timed out')));
      req.on('error', () => probed(backend, false));
    }
  }, PROBE_EVERY_MS);
  const server = http.createServer((req, res) => {
    const ready = backends.filter((b) => b.ready);
    if (ready.length === 0) {
      res.writeHead(503).end();
      return;
    }
    const backend = ready[next++ % ready.length]!;
    const upstream = http.request(
      { host: '127.0.0.1', port: backend.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  return {
    server,
    listen: () =>
      new Promise<number>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
      ),
    close: () => {
      clearInterval(probes);
      server.closeAllConnections();
      server.close();
    },
  };
}

interface Outcome {
  requests: number;
  failed: number;
  /** How the failures answered: a status code, or "no answer". */
  how: string;
}

async function restartUnderLoad(databaseUrl: string, stop: (backend: Backend) => void): Promise<Outcome> {
  const backends: Backend[] = [await startBackend(databaseUrl)];
  const balancer = startBalancer(backends);
  const port = await balancer.listen();
  try {
    while (!backends[0]!.ready) await sleep(PROBE_EVERY_MS);
    const load = autocannon({
      url: `http://127.0.0.1:${port}/api/v1/books`,
      connections: 10,
      overallRate: RATE,
      duration: SECONDS,
    });
    await sleep(RESTART_AT_MS);
    const fresh = await startBackend(databaseUrl);
    backends.push(fresh);
    while (!fresh.ready) await sleep(PROBE_EVERY_MS / 2);
    const old = backends[0]!;
    stop(old);
    await old.exited;
    const result = await load;
    const how = Object.entries(result.statusCodeStats as Record<string, { count: number }>)
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${count}x ${code}`);
    if (result.errors > 0) how.push(`${result.errors}x no answer`);
    return {
      requests: result.requests.total + result.errors,
      failed: result.non2xx + result.errors,
      how: how.length > 0 ? ` (${how.join(', ')})` : '',
    };
  } finally {
    balancer.close();
    for (const backend of backends) {
      if (backend.child.exitCode === null && backend.child.signalCode === null) {
        backend.child.kill('SIGTERM');
        await backend.exited;
      }
    }
  }
}

async function main(): Promise<void> {
  // A migrated database of the benchmark's own, dropped at the end.
  const db = await createTestDatabase({
    label: 'ch07-bench',
    migrationsDir: path.join(CHAPTER, 'solution', 'db', 'migrations'),
  });
  try {
    console.log(
      `GET /api/v1/books at ${RATE} requests/s for ${SECONDS} s through a balancer that probes /readyz every ` +
        `${PROBE_EVERY_MS} ms; after ${RESTART_AT_MS / 1000} s a second server starts and, once ready, the first stops.\n`,
    );
    const abrupt = await restartUnderLoad(db.url, (backend) => backend.child.kill('SIGKILL'));
    console.log(
      `  abrupt (dies at once)             ${String(abrupt.failed).padStart(4)} of ${abrupt.requests} requests failed${abrupt.how}`,
    );
    const graceful = await restartUnderLoad(db.url, (backend) => backend.child.kill('SIGTERM'));
    console.log(
      `  graceful (SIGTERM, ${SHUTDOWN_DELAY_MS} ms delay) ${String(graceful.failed).padStart(4)} of ${graceful.requests} requests failed${graceful.how}`,
    );
  } finally {
    await dropTestDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
