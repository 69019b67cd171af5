import http from 'node:http';
import { exercise } from '@course/test-harness';
import { echoHandler } from '@target/echo';
import { json } from '@target/http/response';
import type { Handler } from '@target/http/http.types';
import { DEFAULT_TIMEOUT_MS, RawClient, destroyClients, rejection } from './support/raw-client';
import type { RawResponse } from './support/raw-client';
import { startServer } from './support/test-server';
import type { TestServer } from './support/test-server';

const TEXT = 'héllo wörld ✓';

/** A handler per path, each returning one kind of response. */
const responses: Handler = (request) => {
  switch (request.target) {
    case '/text':
      return { status: 200, body: TEXT };
    case '/json':
      return json(200, { ok: true });
    case '/created':
      return json(201, { id: 1 }, { location: '/things/1' });
    case '/no-content':
      return { status: 204 };
    case '/bytes':
      return { status: 200, body: Buffer.from([0, 1, 2, 255]) };
    case '/lying-length':
      return { status: 200, headers: { 'Content-Length': '999' }, body: 'short' };
    case '/split':
      return { status: 200, headers: { 'x-injected': 'a\r\nSet-Cookie: stolen=1' }, body: 'x' };
    default:
      return echoHandler(request);
  }
};

let app: TestServer;

beforeAll(async () => {
  app = await startServer(responses);
});
afterEach(destroyClients);
afterAll(() => app.close());

/** GETs `path` with `Connection: close` and returns the response and every byte the server sent. */
async function get(path: string, method = 'GET'): Promise<{ response: RawResponse; bytes: string }> {
  const client = await RawClient.connect(app.port);
  client.write(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  const response = await client.response({ head: method === 'HEAD' });
  await client.closed();
  return { response, bytes: response.raw.toString('latin1') + client.unread.toString('latin1') };
}

exercise('1.4', () => {
  it('When the handler returns 200 with a body, then the status line is "HTTP/1.1 200 OK" and the body follows', async () => {
    const { response } = await get('/text');
    expect(response.statusLine).toBe('HTTP/1.1 200 OK');
    expect(response.text).toBe(TEXT);
  });

  it('When the body has multi-byte characters, then Content-Length counts bytes, not characters', async () => {
    const { response } = await get('/text');
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(TEXT)));
  });

  it('When a string body has no Content-Type, then it is sent as UTF-8 text', async () => {
    const { response } = await get('/text');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('When the handler sets a Content-Type, then it is sent as given', async () => {
    const { response } = await get('/json');
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.text)).toEqual({ ok: true });
  });

  it('When the body is a Buffer, then its bytes are sent unchanged', async () => {
    const { response } = await get('/bytes');
    expect([...response.body]).toEqual([0, 1, 2, 255]);
    expect(response.headers['content-length']).toBe('4');
  });

  it('When any response is sent, then it has a Date in IMF-fixdate format', async () => {
    const { response } = await get('/json');
    expect(response.status).toBe(200);
    expect(response.headers['date']).toMatch(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/,
    );
    expect(Math.abs(Date.parse(response.headers['date'] ?? '') - Date.now())).toBeLessThan(5000);
  });

  it('When the status is 201 with a Location, then both are sent', async () => {
    const { response } = await get('/created');
    expect(response.statusLine).toBe('HTTP/1.1 201 Created');
    expect(response.headers['location']).toBe('/things/1');
  });

  it('When the status is 204, then there is neither Content-Length nor a body', async () => {
    const { response, bytes } = await get('/no-content');
    expect(response.statusLine).toBe('HTTP/1.1 204 No Content');
    expect(response.headers['content-length']).toBeUndefined();
    expect(bytes.endsWith('\r\n\r\n')).toBe(true);
  });

  it('When the request is HEAD, then the fields are those of GET, Content-Length included, and no body is sent', async () => {
    const asGet = await get('/text');
    const asHead = await get('/text', 'HEAD');
    expect(asHead.response.status).toBe(200);
    expect(asHead.response.headers['content-length']).toBe(asGet.response.headers['content-length']);
    expect(asHead.response.headers['content-type']).toBe(asGet.response.headers['content-type']);
    expect(asHead.bytes.endsWith('\r\n\r\n')).toBe(true);
  });

  it('When the handler sets its own Content-Length, then the real length is sent instead', async () => {
    const { response } = await get('/lying-length');
    expect(response.headers['content-length']).toBe('5');
    expect(response.text).toBe('short');
  });

  it('When a header value contains CR LF, then the server answers 500 instead of splitting the response', async () => {
    const { response, bytes } = await get('/split');
    expect(response.status).toBe(500);
    expect(bytes).not.toContain('Set-Cookie');
  });

  it('When the client sends Expect: 100-continue, then 100 Continue comes before it sends the body', async () => {
    const client = await RawClient.connect(app.port);
    client.write('POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n');
    const interim = await client.response();
    expect(interim.statusLine).toBe('HTTP/1.1 100 Continue');
    client.write('hello');
    const final = await client.response();
    expect(final.status).toBe(200);
    expect(final.text).toBe('hello');
  });

  it('When an HTTP/1.0 client sends Expect: 100-continue, then the expectation is ignored', async () => {
    const client = await RawClient.connect(app.port);
    client.write('POST /echo HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.unread.length).toBe(0);
    client.write('hello');
    const final = await client.response();
    expect(final.status).toBe(200);
    expect(final.text).toBe('hello');
  });

  it('When the client expects something other than 100-continue, then the server answers 417', async () => {
    const request = 'POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 5\r\n\r\nhello';
    expect(await rejection(app.port, request)).toEqual({ status: 417, closed: true });
  });

  it('When node:http sends a body with Expect: 100-continue, then it gets "continue" and its body back', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request({
        port: app.port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/echo',
        agent: false,
        headers: { expect: '100-continue', 'content-type': 'text/plain', 'content-length': 5 },
      });
      // node:http holds the body back until the 100 Continue comes, however long that takes.
      const timer = setTimeout(() => {
        request.destroy();
        reject(
          new Error(
            `no 100 Continue within ${DEFAULT_TIMEOUT_MS} ms; the client is still holding its body back`,
          ),
        );
      }, DEFAULT_TIMEOUT_MS);
      request.on('continue', () => {
        clearTimeout(timer);
        request.end('hello');
      });
      request.on('response', (response) => {
        clearTimeout(timer);
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
    });
    expect(status).toBe(200);
    expect(body).toBe('hello');
  });

  it('When fetch posts JSON to the echo server, then it gets the same JSON back', async () => {
    const response = await fetch(`http://127.0.0.1:${app.port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'hello' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ note: 'hello' });
  });
});
