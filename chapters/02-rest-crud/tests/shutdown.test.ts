import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exercise } from '@course/test-harness';
import { startServer, type RunningServer } from '@target/server';
import { memoryLogger } from './support';

/** An app with one slow route that answers only when the test releases it. */
function gatedApp() {
  let release = (): void => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = (): void => {};
  const slowArrived = new Promise<void>((resolve) => (arrived = resolve));
  const app: http.RequestListener = (req, res) => {
    if (req.url === '/slow') {
      arrived();
      void released.then(() => res.end('slow done'));
    } else {
      res.end('fast');
    }
  };
  return { app, release, slowArrived };
}

interface Answer {
  status?: number;
  body: string;
  connection?: string;
}

function get(port: number, path: string, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode, body, connection: res.headers.connection }));
      })
      .on('error', reject);
  });
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: NodeJS.ErrnoException };

/** Never rejects, so that a test that fails half-way leaves no unhandled rejection behind. */
function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: NodeJS.ErrnoException) => ({ ok: false, error }),
  );
}

/** How a settled promise ended, or 'pending' if it has not within `ms`. */
function within(
  ms: number,
  outcome: Promise<Outcome<unknown>>,
): Promise<'resolved' | 'rejected' | 'pending'> {
  const timeout = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms).unref());
  return Promise.race([outcome.then((o) => (o.ok ? 'resolved' : 'rejected')), timeout]);
}

exercise('2.8', () => {
  let running: RunningServer | undefined;
  let agent: http.Agent;

  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true });
  });

  afterEach(async () => {
    agent.destroy();
    // Whatever the code under test did, leave no server behind.
    if (running?.server.listening) {
      running.server.closeAllConnections();
      await new Promise((resolve) => running!.server.close(resolve));
    }
    running?.server.closeAllConnections();
    running = undefined;
  });

  async function start(app: http.RequestListener, shutdownTimeoutMs = 5_000): Promise<RunningServer> {
    running = await startServer({ app, port: 0, logger: memoryLogger().logger, shutdownTimeoutMs });
    return running;
  }

  describe('startServer()', () => {
    it('When started on port 0, then it listens on the free port that it reports', async () => {
      const server = await start(gatedApp().app);
      expect(server.port).toBeGreaterThan(0);
      expect((server.server.address() as AddressInfo).port).toBe(server.port);
      expect(await get(server.port, '/fast', agent)).toMatchObject({ status: 200, body: 'fast' });
    });
  });

  describe('close()', () => {
    it('When close() is called during a request, then that request still completes', async () => {
      const { app, release, slowArrived } = gatedApp();
      const server = await start(app);
      const slow = settle(get(server.port, '/slow', agent));
      await slowArrived;
      const closed = settle(server.close());
      release();
      expect(await slow).toMatchObject({ ok: true, value: { status: 200, body: 'slow done' } });
      await expect(within(2_000, closed)).resolves.toBe('resolved');
    });

    it('When close() has been called, then new connections are refused', async () => {
      const { app, release, slowArrived } = gatedApp();
      const server = await start(app);
      const slow = settle(get(server.port, '/slow', agent));
      await slowArrived;
      const closed = settle(server.close());
      const late = await settle(get(server.port, '/fast', new http.Agent()));
      release();
      await slow;
      await closed;
      expect(late).toMatchObject({ ok: false, error: { code: 'ECONNREFUSED' } });
    });

    it('When a keep-alive request is in flight, then its response says Connection: close and close() does not wait for the keep-alive timeout', async () => {
      const { app, release, slowArrived } = gatedApp();
      const server = await start(app);
      await get(server.port, '/fast', agent);
      const slow = settle(get(server.port, '/slow', agent));
      await slowArrived;
      const closed = settle(server.close());
      release();
      expect(await slow).toMatchObject({ ok: true, value: { connection: 'close' } });
      await expect(within(1_000, closed)).resolves.toBe('resolved');
    });

    it('When only idle keep-alive connections are open, then close() resolves at once', async () => {
      const server = await start(gatedApp().app);
      await get(server.port, '/fast', agent);
      await expect(within(1_000, settle(server.close()))).resolves.toBe('resolved');
      expect(server.server.listening).toBe(false);
    });

    it('When a request outlasts the shutdown timeout, then close() cuts its connection and resolves', async () => {
      const { app, slowArrived } = gatedApp();
      const server = await start(app, 100);
      const slow = settle(get(server.port, '/slow', agent));
      await slowArrived;
      await expect(within(2_000, settle(server.close()))).resolves.toBe('resolved');
      expect(await slow).toMatchObject({ ok: false, error: { code: 'ECONNRESET' } });
    });
  });
});
