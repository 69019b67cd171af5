import { randomBytes } from 'node:crypto';
import { scaffold } from '@course/test-harness';
import { createServer } from '@target/http/http.server';
import { RawClient, destroyClients, rejection } from './support/raw-client';
import { eventually, inspectHandler, startServer, testLimits } from './support/test-server';
import type { TestServer } from './support/test-server';

/** The first bytes a TLS client sends: what arrives when someone opens https:// on a plain HTTP port. */
function tlsClientHello(): Buffer {
  const random = randomBytes(32);
  const body = Buffer.concat([
    Buffer.from([0x03, 0x03]),
    random,
    Buffer.from([0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00]),
  ]);
  const handshake = Buffer.concat([Buffer.from([0x01, 0x00, 0x00, body.length]), body]);
  return Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x00, handshake.length]), handshake]);
}

let app: TestServer;

beforeAll(async () => {
  app = await startServer(inspectHandler);
});
afterEach(destroyClients);
afterAll(() => app.close());

/** Proves the server is still up: a new connection gets an HTTP response of some kind. */
async function expectStillServing(): Promise<void> {
  const client = await RawClient.connect(app.port);
  client.write('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  const response = await client.response();
  expect(response.statusLine).toMatch(/^HTTP\/1\.1 \d{3} /);
}

scaffold('the server boots, survives garbage and closes cleanly', () => {
  it('When the server listens on port 0, then it gets a free port and close() resolves', async () => {
    const server = createServer(inspectHandler);
    const port = await server.listen(0);
    expect(port).toBeGreaterThan(0);
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('When the server closes while a client is connected but idle, then the client is disconnected', async () => {
    const server = createServer(inspectHandler);
    const client = await RawClient.connect(await server.listen(0));
    await server.close();
    expect(await client.closed()).toBe(true);
  });

  it('When a client sends random bytes, then it gets an error response, is disconnected, and nothing leaks', async () => {
    const client = await RawClient.connect(app.port);
    client.write(randomBytes(4096));
    expect(await client.closed()).toBe(true);
    expect(client.unread.toString('latin1')).toMatch(/^HTTP\/1\.1 [45]\d\d /);
    await eventually(() => expect(app.server.connectionCount).toBe(0));
    await expectStillServing();
  });

  it('When a TLS ClientHello arrives on the plain HTTP port, then the connection is closed', async () => {
    const client = await RawClient.connect(app.port);
    client.write(tlsClientHello());
    expect(await client.closed()).toBe(true);
    await expectStillServing();
  });

  it('When a client floods empty lines, then it gets 400 and is disconnected', async () => {
    expect(await rejection(app.port, '\r\n'.repeat(10_000))).toEqual({ status: 400, closed: true });
  });

  it('When a line never ends, then the server stops buffering it: 414 and disconnected', async () => {
    expect(await rejection(app.port, 'A'.repeat(64 * 1024))).toEqual({ status: 414, closed: true });
  });

  it('When lines end with a bare LF instead of CRLF, then 400 and disconnected', async () => {
    expect(await rejection(app.port, 'GET / HTTP/1.1\nHost: x\n\n')).toEqual({ status: 400, closed: true });
  });

  it('When the head trickles in a byte at a time, then the timeout is not extended (slowloris)', async () => {
    const client = await RawClient.connect(app.port);
    const started = Date.now();
    const trickle = client.writeInPieces(
      `GET / HTTP/1.1\r\nHost: x\r\n${'X-Slow: 1\r\n'.repeat(20)}\r\n`,
      1,
      10,
    );
    const response = await client.response();
    expect(response.status).toBe(408);
    expect(Date.now() - started).toBeLessThan(testLimits.headersTimeoutMs * 5);
    await trickle;
  });

  it('When a client resets the connection mid-request, then the server drops it and keeps serving', async () => {
    const client = await RawClient.connect(app.port);
    client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Le');
    client.destroy();
    await eventually(() => expect(app.server.connectionCount).toBe(0));
    await expectStillServing();
  });
});

scaffold('an exception while handling a request is a 500, not a crash', () => {
  const request = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';

  it('When the handler throws, then the client gets 500, is disconnected, and the error is reported', async () => {
    const failing = await startServer(() => {
      throw new Error('handler bug');
    });
    try {
      expect(await rejection(failing.port, request)).toEqual({ status: 500, closed: true });
      expect(failing.errors).toHaveLength(1);
      expect(failing.errors[0]).toBeInstanceOf(Error);
    } finally {
      await failing.close();
    }
  });

  it('When the handler rejects, then the client gets 500 and the server keeps serving', async () => {
    const failing = await startServer(async () => {
      throw new Error('async handler bug');
    });
    try {
      expect(await rejection(failing.port, request)).toEqual({ status: 500, closed: true });
      expect(await rejection(failing.port, request)).toEqual({ status: 500, closed: true });
      await eventually(() => expect(failing.server.connectionCount).toBe(0));
    } finally {
      await failing.close();
    }
  });

  it('When a 500 is sent, then its body is JSON that does not reveal the internal error', async () => {
    const failing = await startServer(() => {
      throw new Error('secret detail');
    });
    try {
      const client = await RawClient.connect(failing.port);
      client.write(request);
      const response = await client.response();
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers['connection']).toBe('close');
      expect(JSON.parse(response.text)).toEqual({
        error: 'Internal Server Error',
        message: 'the server could not handle the request',
      });
    } finally {
      await failing.close();
    }
  });
});
