import { exercise } from '@course/test-harness';
import { parseRequestLine } from '@target/http/request-line';
import { destroyClients, rejection } from './support/raw-client';
import { inspectHandler, startServer, testLimits } from './support/test-server';
import type { TestServer } from './support/test-server';

let app: TestServer;

beforeAll(async () => {
  app = await startServer(inspectHandler);
});
afterEach(destroyClients);
afterAll(() => app.close());

exercise('1.1', () => {
  it('When the request line is well formed, then it returns the method, the target and the version', () => {
    expect(parseRequestLine('GET /notes?tag=a HTTP/1.1', testLimits)).toEqual({
      method: 'GET',
      target: '/notes?tag=a',
      version: 'HTTP/1.1',
    });
  });

  it('When the version is HTTP/1.0, then it is kept as HTTP/1.0', () => {
    expect(parseRequestLine('POST /submit HTTP/1.0', testLimits).version).toBe('HTTP/1.0');
  });

  it('When the minor version is newer than 1.1, then the request is handled as HTTP/1.1', () => {
    expect(parseRequestLine('GET / HTTP/1.7', testLimits).version).toBe('HTTP/1.1');
  });

  it('When the method is an unusual but valid token, then it is accepted as is', () => {
    expect(parseRequestLine('PURGE /cache HTTP/1.1', testLimits).method).toBe('PURGE');
  });

  it('When the target is in absolute-form, then it is accepted', () => {
    expect(parseRequestLine('GET http://example.com/notes HTTP/1.1', testLimits).target).toBe(
      'http://example.com/notes',
    );
  });

  it('When OPTIONS asks about the whole server with *, then the target is accepted', () => {
    expect(parseRequestLine('OPTIONS * HTTP/1.1', testLimits).target).toBe('*');
  });

  it.each([
    ['has only two parts', 'GET /'],
    ['has four parts', 'GET / HTTP/1.1 extra'],
    ['has two spaces between method and target', 'GET  / HTTP/1.1'],
    ['has a trailing space', 'GET / HTTP/1.1 '],
    ['has a tab instead of a space', 'GET\t/ HTTP/1.1'],
    ['has a method that is not a token', 'GE(T / HTTP/1.1'],
    ['has a target that is not a path', 'GET notes HTTP/1.1'],
    ['has * with a method other than OPTIONS', 'GET * HTTP/1.1'],
    ['has a non-ASCII byte in the target', 'GET /caf\xe9 HTTP/1.1'],
    ['has a control character in the target', 'GET /a\x7fb HTTP/1.1'],
    ['has a lowercase version', 'GET / http/1.1'],
    ['has a version without a minor number', 'GET / HTTP/1'],
    ['has a bare CR', 'GET /\r HTTP/1.1'],
    ['has a fragment in the target', 'GET /notes#top HTTP/1.1'],
    ['has a fragment in an absolute-form target', 'GET http://example.com/notes?a=1#top HTTP/1.1'],
  ])('When the request line %s, then the server answers 400 and closes', async (_case, line) => {
    expect(await rejection(app.port, `${line}\r\nHost: x\r\n\r\n`)).toEqual({ status: 400, closed: true });
  });

  it.each([['HTTP/2.0'], ['HTTP/0.9'], ['HTTP/3.1']])(
    'When the version is %s, then the server answers 505 and closes',
    async (version) => {
      expect(await rejection(app.port, `GET / ${version}\r\nHost: x\r\n\r\n`)).toEqual({
        status: 505,
        closed: true,
      });
    },
  );

  it('When the target is longer than the limit, then the server answers 414 and closes', async () => {
    const target = `/${'a'.repeat(testLimits.maxRequestLineBytes)}`;
    expect(await rejection(app.port, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`)).toEqual({
      status: 414,
      closed: true,
    });
  });

  it('When the request line is just within the limit, then it is accepted', () => {
    const target = `/${'a'.repeat(testLimits.maxRequestLineBytes - 'GET / HTTP/1.1'.length)}`;
    expect(parseRequestLine(`GET ${target} HTTP/1.1`, testLimits).target).toBe(target);
  });
});
