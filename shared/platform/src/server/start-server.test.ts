import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { memoryLogger, waitForLog } from '@course/test-harness/logs';
import { createLogger } from '../logging';
import { startServer, type RunningServer } from '.';

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

function within(
  ms: number,
  outcome: Promise<Outcome<unknown>>,
): Promise<'resolved' | 'rejected' | 'pending'> {
  const timeout = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms).unref());
  return Promise.race([outcome.then((o) => (o.ok ? 'resolved' : 'rejected')), timeout]);
}

/** Sends raw bytes and returns everything the server answers before it closes the connection. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

let running: RunningServer | undefined;
let agent: http.Agent;

beforeEach(() => {
  agent = new http.Agent({ keepAlive: true });
});

afterEach(async () => {
  agent.destroy();
  if (running?.server.listening) {
    running.server.closeAllConnections();
    await new Promise((resolve) => running!.server.close(resolve));
  }
  running = undefined;
});

async function start(
  app: http.RequestListener,
  options: { shutdownTimeoutMs?: number; onClose?: () => Promise<void> } = {},
) {
  const { logger, logs } = memoryLogger(createLogger);
  running = await startServer({
    app,
    port: 0,
    logger,
    shutdownTimeoutMs: 5_000,
    problemTypeBase: 'https://bookstore.example/problems/',
    ...options,
  });
  return { server: running, logs };
}

describe('startServer()', () => {
  it('When started on port 0, then it listens on the free port that it reports', async () => {
    const { server } = await start(gatedApp().app);
    expect((server.server.address() as AddressInfo).port).toBe(server.port);
    expect(await get(server.port, '/fast', agent)).toMatchObject({ status: 200, body: 'fast' });
  });

  it('When the port is taken, then startServer() rejects', async () => {
    const { server } = await start(gatedApp().app);
    await expect(
      startServer({ app: gatedApp().app, port: server.port, logger: memoryLogger().logger }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it("When the request line is longer than Node's header limit, then the answer is a 431 problem+json", async () => {
    const { server, logs } = await start(gatedApp().app);
    const answer = await rawExchange(server.port, `GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/\r\nContent-Type: application\/problem\+json\r\n/i);
    expect(JSON.parse(body)).toEqual({
      type: 'https://bookstore.example/problems/headers-too-large',
      title: 'Request header fields too large',
      status: 431,
      detail: expect.any(String),
      code: 'HEADERS_TOO_LARGE',
    });
    expect(await waitForLog(logs, (e) => e.message === 'request rejected')).toMatchObject({
      level: 'info',
      status: 431,
    });
  });

  it('When the request is not HTTP at all, then the answer is a 400 problem+json', async () => {
    const { server } = await start(gatedApp().app);
    const answer = await rawExchange(server.port, 'HELLO THERE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });
});

describe('close()', () => {
  it('When close() is called during a request, then that request still completes, and onClose runs after it', async () => {
    const { app, release, slowArrived } = gatedApp();
    const events: string[] = [];
    const { server } = await start(
      (req, res) => {
        res.once('finish', () => events.push('answered'));
        app(req, res);
      },
      { onClose: async () => void events.push('onClose') },
    );
    const slow = settle(get(server.port, '/slow', agent));
    await slowArrived;
    const closed = settle(server.close());
    release();
    expect(await slow).toMatchObject({ ok: true, value: { status: 200, body: 'slow done' } });
    await expect(within(2_000, closed)).resolves.toBe('resolved');
    expect(events).toEqual(['answered', 'onClose']);
  });

  it('When close() has been called, then new connections are refused', async () => {
    const { app, release, slowArrived } = gatedApp();
    const { server } = await start(app);
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
    const { server } = await start(app);
    await get(server.port, '/fast', agent);
    const slow = settle(get(server.port, '/slow', agent));
    await slowArrived;
    const closed = settle(server.close());
    release();
    expect(await slow).toMatchObject({ ok: true, value: { connection: 'close' } });
    await expect(within(1_000, closed)).resolves.toBe('resolved');
  });

  it('When only idle keep-alive connections are open, then close() resolves at once', async () => {
    const { server } = await start(gatedApp().app);
    await get(server.port, '/fast', agent);
    await expect(within(1_000, settle(server.close()))).resolves.toBe('resolved');
    expect(server.server.listening).toBe(false);
  });

  it('When a request outlasts the shutdown timeout, then close() cuts its connection and resolves', async () => {
    const { app, slowArrived } = gatedApp();
    const { server } = await start(app, { shutdownTimeoutMs: 100 });
    const slow = settle(get(server.port, '/slow', agent));
    await slowArrived;
    await expect(within(2_000, settle(server.close()))).resolves.toBe('resolved');
    expect(await slow).toMatchObject({ ok: false, error: { code: 'ECONNRESET' } });
  });

  it('When close() is called twice, then onClose runs once', async () => {
    let calls = 0;
    const { server } = await start(gatedApp().app, { onClose: async () => void (calls += 1) });
    await Promise.all([server.close(), server.close()]);
    expect(calls).toBe(1);
  });
});
