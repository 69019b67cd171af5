import http from 'node:http';
import { exercise } from '@course/test-harness';
import { describeRequest, inspectHandler, startServer, testLimits } from './support/test-server';
import type { SeenRequest, TestServer } from './support/test-server';
import { RawClient, destroyClients } from './support/raw-client';
import type { RawResponse } from './support/raw-client';

let app: TestServer;

beforeAll(async () => {
  app = await startServer(inspectHandler);
});
afterEach(destroyClients);
afterAll(() => app.close());

const get = (path: string, fields = ''): string => `GET ${path} HTTP/1.1\r\nHost: x\r\n${fields}\r\n`;

function seen(response: RawResponse): SeenRequest {
  return JSON.parse(response.text) as SeenRequest;
}

exercise('1.5', () => {
  it('When an HTTP/1.1 client sends two requests one after the other, then both are answered on one connection', async () => {
    const client = await RawClient.connect(app.port);
    client.write(get('/first'));
    expect(seen(await client.response()).target).toBe('/first');
    client.write(get('/second'));
    const second = await client.response();
    expect(seen(second).target).toBe('/second');
    expect(second.headers['connection']).toBeUndefined();
    expect(await client.closed(100)).toBe(false);
  });

  it('When the client sends Connection: close, then the response says so and the server closes', async () => {
    const client = await RawClient.connect(app.port);
    client.write(get('/', 'Connection: close\r\n'));
    const response = await client.response();
    expect(response.status).toBe(200);
    expect(response.headers['connection']).toBe('close');
    expect(await client.closed(testLimits.keepAliveTimeoutMs / 2)).toBe(true);
  });

  it('When close is one of several Connection options in any case, then the server still closes', async () => {
    const client = await RawClient.connect(app.port);
    client.write(get('/', 'Connection: Upgrade, CLOSE\r\n'));
    const response = await client.response();
    expect(response.status).toBe(200);
    expect(response.headers['connection']).toBe('close');
    expect(await client.closed(testLimits.keepAliveTimeoutMs / 2)).toBe(true);
  });

  it('When an HTTP/1.0 client says nothing, then the server closes after the response', async () => {
    const client = await RawClient.connect(app.port);
    client.write('GET / HTTP/1.0\r\n\r\n');
    const response = await client.response();
    expect(response.status).toBe(200);
    expect(response.headers['connection']).toBe('close');
    expect(await client.closed(testLimits.keepAliveTimeoutMs / 2)).toBe(true);
  });

  it('When an HTTP/1.0 client asks for keep-alive, then the response confirms it and the connection stays open', async () => {
    const client = await RawClient.connect(app.port);
    client.write('GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    expect((await client.response()).headers['connection']).toBe('keep-alive');
    client.write('GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    expect(seen(await client.response()).target).toBe('/b');
  });

  it('When three requests arrive in one write, then the three responses come back in order', async () => {
    const client = await RawClient.connect(app.port);
    const upload = 'POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nbody';
    client.write(get('/1') + upload + get('/3'));
    const responses = [await client.response(), await client.response(), await client.response()];
    expect(responses.map((response) => [seen(response).target, seen(response).body])).toEqual([
      ['/1', ''],
      ['/2', 'body'],
      ['/3', ''],
    ]);
  });

  it('When a HEAD request is pipelined between two GETs, then its response has no body and framing holds', async () => {
    const client = await RawClient.connect(app.port);
    client.write(get('/1') + 'HEAD /2 HTTP/1.1\r\nHost: x\r\n\r\n' + get('/3'));
    await client.response();
    const head = await client.response({ head: true });
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(seen(await client.response()).target).toBe('/3');
  });

  it('When a pipelined request after one with Connection: close is sent, then it is not answered', async () => {
    const client = await RawClient.connect(app.port);
    client.write(get('/1', 'Connection: close\r\n') + get('/2'));
    expect(seen(await client.response()).target).toBe('/1');
    expect(await client.closed()).toBe(true);
    expect(client.unread.length).toBe(0);
  });

  it('When a request arrives one byte at a time, then it is parsed the same', async () => {
    const slow = await startServer(inspectHandler, { headersTimeoutMs: 5000 });
    try {
      const client = await RawClient.connect(slow.port);
      await client.writeInPieces(
        `POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc${get('/after')}`,
        1,
        1,
      );
      expect(seen(await client.response())).toMatchObject({ target: '/slow', body: 'abc' });
      expect(seen(await client.response()).target).toBe('/after');
    } finally {
      await slow.close();
    }
  });

  it('When the head stops halfway, then the server answers 408 after the headers timeout and closes', async () => {
    const client = await RawClient.connect(app.port);
    const started = Date.now();
    client.write('GET / HTTP/1.1\r\nHost: x\r\nAcce');
    const response = await client.response();
    const elapsed = Date.now() - started;
    expect(response.status).toBe(408);
    expect(await client.closed()).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(testLimits.headersTimeoutMs - 10);
    expect(elapsed).toBeLessThan(testLimits.headersTimeoutMs * 5);
  });

  it('When a kept-alive connection stays idle, then the server closes it after the keep-alive timeout', async () => {
    const client = await RawClient.connect(app.port);
    client.write(get('/'));
    await client.response();
    expect(await client.closed(testLimits.keepAliveTimeoutMs / 2)).toBe(false);
    expect(await client.closed(testLimits.keepAliveTimeoutMs * 3)).toBe(true);
    expect(client.unread.length).toBe(0);
  });

  it('When the server shuts down during a request, then that request is answered with Connection: close', async () => {
    const slow = await startServer(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { status: 200, body: JSON.stringify(describeRequest(request)) };
    });
    const client = await RawClient.connect(slow.port);
    client.write(get('/in-flight'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const closing = slow.close();
    const response = await client.response();
    expect(response.status).toBe(200);
    expect(response.headers['connection']).toBe('close');
    await closing;
  });

  it('When a node:http keep-alive agent sends two requests in a row, then it reuses the connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string): Promise<{ reused: boolean; body: string }> =>
      new Promise((resolve, reject) => {
        const request = http.get({ port: app.port, host: '127.0.0.1', path, agent }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ reused: request.reusedSocket, body }));
        });
        request.on('error', reject);
      });
    try {
      const first = await send('/one');
      const second = await send('/two');
      expect([first.reused, second.reused]).toEqual([false, true]);
      expect((JSON.parse(second.body) as SeenRequest).target).toBe('/two');
    } finally {
      agent.destroy();
    }
  });
});
