import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { exercise, scaffold } from '@course/test-harness';
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

scaffold('stopping the dev server', () => {
  // The dev server calls close() on every Ctrl-C, so it must work, abruptly at least, before 2.8 is done.
  it('When close() is called with nothing in flight, then it resolves and the server stops listening', async () => {
    const server = await startServer({ app: gatedApp().app, port: 0, logger: memoryLogger().logger });
    await expect(within(2_000, settle(server.close()))).resolves.toBe('resolved');
    expect(server.server.listening).toBe(false);
  });
});

/** Sends raw bytes to the server and returns everything it answers before it closes the connection. */
async function rawExchange(port: number, bytes: string): Promise<string> {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined); // the server may reset after answering
  socket.write(bytes);
  const ended = new Promise((resolve) => socket.once('close', resolve));
  await within(2_000, settle(ended));
  socket.destroy();
  return received;
}

function problemOf(raw: string): { status: number; contentType: string | undefined; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const contentType = /\r\ncontent-type: ([^\r]*)/i.exec(head)?.[1];
  return {
    status: Number(head.split(' ')[1]),
    contentType,
    body: body === '' ? undefined : JSON.parse(body),
  };
}

scaffold('errors that Node raises before Express runs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ app: gatedApp().app, port: 0, logger: memoryLogger().logger });
  });
  afterAll(async () => {
    server.server.closeAllConnections();
    await new Promise((resolve) => server.server.close(resolve));
  });

  it.each([
    [
      'has header fields larger than Node allows',
      431,
      'HEADERS_TOO_LARGE',
      `GET /fast HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    ],
    ['has a malformed request line', 400, 'MALFORMED_REQUEST', 'GET /fast HTTP/1.1 extra\r\nHost: x\r\n\r\n'],
    ['is not HTTP at all', 400, 'MALFORMED_REQUEST', '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03\r\n\r\n'],
  ])(
    'When a request %s, then the answer is a %s problem+json, not a bare status line',
    async (_case, status, code, bytes) => {
      const answer = problemOf(await rawExchange(server.port, bytes));
      expect(answer).toEqual({
        status,
        contentType: expect.stringMatching(/^application\/problem\+json/),
        body: expect.objectContaining({ status, code, title: expect.any(String), type: expect.any(String) }),
      });
    },
  );
});

exercise('2.8', () => {
  let running: RunningServer | undefined;
  let agent: http.Agent;

  const sockets: net.Socket[] = [];

  beforeEach(() => {
    agent = new http.Agent({ keepAlive: true });
  });

  afterEach(async () => {
    agent.destroy();
    for (const socket of sockets.splice(0)) socket.destroy();
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

    it('When a request completes on an open connection after close() began, then its response says Connection: close and close() does not wait for the keep-alive timeout', async () => {
      const server = await start(gatedApp().app);
      const socket = net.connect(server.port, '127.0.0.1');
      sockets.push(socket);
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      await new Promise((resolve) => socket.once('connect', resolve));
      // Half a request: the connection is busy, so close() cannot end it as idle.
      socket.write('GET /fast HTTP/1.1\r\nHost: localhost\r\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closed = settle(server.close());
      const socketClosed = settle(new Promise((resolve) => socket.once('close', resolve)));
      socket.write('\r\n');
      await expect(within(2_000, closed)).resolves.toBe('resolved');
      await expect(within(1_000, socketClosed)).resolves.toBe('resolved');
      expect(received).toMatch(/^HTTP\/1\.1 200 /);
      expect(received).toMatch(/\r\nConnection: close\r\n/i);
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
