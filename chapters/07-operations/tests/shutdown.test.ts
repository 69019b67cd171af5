import http from 'node:http';
import { exercise } from '@course/test-harness';
import { useTestDatabase } from '@course/test-harness/postgres';
import type { PoolClient } from 'pg';
import {
  MIGRATIONS,
  serverCommand,
  serverEnv,
  startProcess,
  stopProcess,
  waitFor,
  type ServerProcess,
} from './support';

// Each test starts the real server as a process and signals it; on a busy machine that takes a few seconds.
jest.setTimeout(40_000);

const db = useTestDatabase({ migrationsDir: MIGRATIONS });
let server: ServerProcess | undefined;
let locker: PoolClient | undefined;

beforeEach(async () => {
  await db.truncate();
  await db.query(`INSERT INTO books (id, title, isbn) VALUES (1, 'Dune', '9780441013593')`);
});
afterEach(async () => {
  await locker?.query('ROLLBACK').catch(() => undefined);
  locker?.release();
  locker = undefined;
  await stopProcess(server);
});

/** Holds a lock on the books table, so that every read of a book waits: a request that stays in flight. */
async function holdBooks(): Promise<void> {
  locker = await db.pool.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE books IN ACCESS EXCLUSIVE MODE');
}
async function releaseBooks(): Promise<void> {
  await locker?.query('COMMIT');
}
/** How many sessions of the test database wait for a lock: the server's read, once it has reached PostgreSQL. */
async function waitingQueries(): Promise<number> {
  // Inside a transaction, pg_stat_activity is a snapshot taken once; clear it to see the present.
  await locker!.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await locker!.query<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(rows[0]!.n);
}

function get(port: number, path: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Starts a read of book 1 that waits on the lock; resolves once it does, with the request's eventual answer. */
async function startBlockedRead(
  port: number,
): Promise<{ inFlight: Promise<{ status: number; body: string }> }> {
  await holdBooks();
  const inFlight = get(port, '/api/v1/books/1');
  inFlight.catch(() => undefined);
  const deadline = Date.now() + 10_000;
  while ((await waitingQueries()) === 0) {
    if (Date.now() > deadline) throw new Error('the book read never reached PostgreSQL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { inFlight };
}

const logged = (s: ServerProcess, message: string) => () =>
  s.stdout.some((l) => l.includes(`"message":"${message}"`));

exercise('7.3', () => {
  it('When SIGTERM comes during a request, then readiness fails, the listener closes, the request finishes and the exit is 0', async () => {
    server = await startProcess(
      serverCommand(),
      serverEnv(db.url, { SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_BUDGET_MS: '20000' }),
    );
    const s = server;
    const { inFlight } = await startBlockedRead(s.port);

    s.child.kill('SIGTERM');
    await waitFor(logged(s, 'shutdown started'), 'the "shutdown started" log line', 5_000, s);
    // During the delay the server still answers, and tells the load balancer to go away.
    expect((await get(s.port, '/readyz')).status).toBe(503);

    // After the delay it accepts no new connection, while the read is still in flight.
    let refused = false;
    const deadline = Date.now() + 10_000;
    while (!refused && Date.now() < deadline) {
      refused = await get(s.port, '/livez').then(
        () => false,
        (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
      );
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refused).toBe(true);
    expect(s.child.exitCode).toBeNull();

    await releaseBooks();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ id: 1, title: 'Dune' });
    expect((await s.exited).code).toBe(0);
    expect(logged(s, 'shutdown complete')()).toBe(true);
  });

  it('When idle keep-alive connections are open, then they do not hold the shutdown up', async () => {
    server = await startProcess(serverCommand(), serverEnv(db.url, { SHUTDOWN_BUDGET_MS: '30000' }));
    const s = server;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 3 });
    await Promise.all([
      get(s.port, '/livez', agent),
      get(s.port, '/livez', agent),
      get(s.port, '/livez', agent),
    ]);
    const idle = Object.values(agent.freeSockets).flat();
    expect(idle.length).toBeGreaterThan(0);
    const closed = Promise.all(
      idle.map((socket) => new Promise((resolve) => socket!.once('close', resolve))),
    );

    const signalled = Date.now();
    s.child.kill('SIGTERM');
    await closed;
    const { code, at } = await s.exited;
    agent.destroy();
    expect(code).toBe(0);
    // Far below the 30 s budget: nothing waited for the idle connections to time out.
    expect(at - signalled).toBeLessThan(10_000);
  });

  it('When a request outlives the budget, then the process gives up and exits 1', async () => {
    // The read waits on a lock that is never released, so any budget is outlived; a short one keeps the test short.
    server = await startProcess(serverCommand(), serverEnv(db.url, { SHUTDOWN_BUDGET_MS: '300' }));
    const s = server;
    await startBlockedRead(s.port);
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(1);
    expect(logged(s, 'shutdown budget exceeded; exiting')()).toBe(true);
  });

  it('When a second signal comes during shutdown, then the process exits 1 at once', async () => {
    server = await startProcess(serverCommand(), serverEnv(db.url, { SHUTDOWN_BUDGET_MS: '60000' }));
    const s = server;
    await startBlockedRead(s.port);
    s.child.kill('SIGTERM');
    await waitFor(logged(s, 'shutdown started'), 'the "shutdown started" log line', 5_000, s);
    s.child.kill('SIGINT');
    expect((await s.exited).code).toBe(1);
    expect(logged(s, 'second signal during shutdown; exiting now')()).toBe(true);
    expect(logged(s, 'shutdown complete')()).toBe(false);
  });
});
