import { exercise } from '@course/test-harness';
import { RequestParser } from '@target/http/request.parser';
import type { ParseEvent } from '@target/http/request.parser';
import type { HttpRequest } from '@target/http/http.types';
import { destroyClients, rejection } from './support/raw-client';
import { inspectHandler, startServer, testLimits } from './support/test-server';
import type { TestServer } from './support/test-server';

let app: TestServer;

beforeAll(async () => {
  app = await startServer(inspectHandler);
});
afterEach(destroyClients);
afterAll(() => app.close());

/** Pushes each piece to a parser in turn and collects every event, as the connection would. */
function parse(...pieces: string[]): ParseEvent[] {
  const parser = new RequestParser(testLimits);
  const events: ParseEvent[] = [];
  for (const piece of pieces) {
    parser.push(Buffer.from(piece, 'latin1'));
    for (let event = parser.next(); event; event = parser.next()) events.push(event);
  }
  return events;
}

function requests(events: ParseEvent[]): HttpRequest[] {
  return events.flatMap((event) => (event.type === 'request' ? [event.request] : []));
}

function bodies(events: ParseEvent[]): string[] {
  return requests(events).map((request) => request.body.toString('latin1'));
}

const post = (fields: string, body = ''): string =>
  `POST /upload HTTP/1.1\r\nHost: x\r\n${fields}\r\n${body}`;
const chunked = (body: string): string => post('Transfer-Encoding: chunked\r\n', body);

exercise('1.3', () => {
  it('When a request has Content-Length, then exactly that many bytes are its body', () => {
    expect(bodies(parse(post('Content-Length: 5\r\n', 'hello')))).toEqual(['hello']);
  });

  it('When the head has arrived but the body has not, then the head comes first and the request waits', () => {
    const events = parse(post('Content-Length: 5\r\n'));
    expect(events.map((event) => event.type)).toEqual(['head']);
    expect(events[0]).toMatchObject({ type: 'head', framing: { kind: 'length', length: 5 } });
  });

  it('When the body arrives in several pieces, then they are joined', () => {
    expect(bodies(parse(post('Content-Length: 11\r\n', 'hel'), 'lo w', 'orld'))).toEqual(['hello world']);
  });

  it('When bytes follow the body, then they are the next request', () => {
    const events = parse(`${post('Content-Length: 2\r\n', 'hi')}GET /next HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(requests(events).map((request) => [request.target, request.body.toString()])).toEqual([
      ['/upload', 'hi'],
      ['/next', ''],
    ]);
  });

  it('When a request has neither Content-Length nor Transfer-Encoding, then it has no body', () => {
    const events = parse('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(events[0]).toMatchObject({ type: 'head', framing: { kind: 'none' } });
    expect(bodies(events)).toEqual(['']);
  });

  it('When Content-Length is 0, then the body is empty', () => {
    expect(bodies(parse(post('Content-Length: 0\r\n')))).toEqual(['']);
  });

  it('When the body is chunked, then the chunks are decoded and joined', () => {
    expect(bodies(parse(chunked('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n')))).toEqual(['hello world']);
  });

  it('When chunk sizes use upper or lower case hex and leading zeros, then they are read as hex', () => {
    const body = `A\r\n${'a'.repeat(10)}\r\n0f\r\n${'b'.repeat(15)}\r\n000\r\n\r\n`;
    expect(bodies(parse(chunked(body)))).toEqual(['a'.repeat(10) + 'b'.repeat(15)]);
  });

  it('When chunks carry extensions, then the extensions are ignored', () => {
    expect(bodies(parse(chunked('5;name=value\r\nhello\r\n0;last\r\n\r\n')))).toEqual(['hello']);
  });

  it('When trailer fields follow the last chunk, then they are parsed and kept apart from the headers', () => {
    const [request] = requests(parse(chunked('2\r\nok\r\n0\r\nX-Checksum: abc\r\n\r\n')));
    expect(request?.body.toString()).toBe('ok');
    expect(request?.trailers.get('x-checksum')).toEqual(['abc']);
    expect(request?.headers.has('x-checksum')).toBe(false);
  });

  it('When the chunked body arrives a few bytes at a time, then it is decoded the same', () => {
    const text = chunked('5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n');
    const pieces = text.match(/[\s\S]{1,3}/g) ?? [];
    expect(bodies(parse(...pieces))).toEqual(['hello world']);
  });

  it('When Transfer-Encoding is spelled in capitals, then it still means chunked', () => {
    expect(bodies(parse(post('Transfer-Encoding: Chunked\r\n', '2\r\nok\r\n0\r\n\r\n')))).toEqual(['ok']);
  });

  it.each([
    ['two Content-Length fields', post('Content-Length: 5\r\nContent-Length: 5\r\n', 'hello')],
    ['a Content-Length list', post('Content-Length: 5, 5\r\n', 'hello')],
    ['a negative Content-Length', post('Content-Length: -1\r\n')],
    ['a Content-Length with a sign', post('Content-Length: +5\r\n', 'hello')],
    ['a fractional Content-Length', post('Content-Length: 5.0\r\n', 'hello')],
    ['a non-numeric Content-Length', post('Content-Length: five\r\n', 'hello')],
    ['an empty Content-Length', post('Content-Length: \r\n')],
    ['a hex Content-Length', post('Content-Length: 0x5\r\n', 'hello')],
    [
      'both Content-Length and Transfer-Encoding',
      post('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    ],
    [
      'Transfer-Encoding in an HTTP/1.0 request',
      'POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['a transfer coding list that does not end in chunked', post('Transfer-Encoding: chunked, gzip\r\n')],
    ['a single coding other than chunked', post('Transfer-Encoding: gzip\r\n')],
    ['chunked applied twice', post('Transfer-Encoding: chunked, chunked\r\n', '0\r\n\r\n')],
    ['a chunk size that is not hex', chunked('zz\r\nhello\r\n0\r\n\r\n')],
    ['a chunk size with junk after the digits', chunked('5g\r\nhello\r\n0\r\n\r\n')],
    ['a chunk size with a 0x prefix', chunked('0x5\r\nhello\r\n0\r\n\r\n')],
    ['a negative chunk size', chunked('-5\r\nhello\r\n0\r\n\r\n')],
    ['an empty chunk size line', chunked('\r\nhello\r\n0\r\n\r\n')],
    ['chunk data longer than its size', chunked('3\r\nhello\r\n0\r\n\r\n')],
  ])('When the request has %s, then the server answers 400 and closes', async (_case, request) => {
    expect(await rejection(app.port, request)).toEqual({ status: 400, closed: true });
  });

  it('When a transfer coding other than chunked is applied before chunked, then the server answers 501', async () => {
    expect(await rejection(app.port, post('Transfer-Encoding: gzip, chunked\r\n', '0\r\n\r\n'))).toEqual({
      status: 501,
      closed: true,
    });
  });

  it('When Content-Length is over the limit, then 413 comes at once, before any body is sent', async () => {
    const head = post(`Content-Length: ${testLimits.maxBodyBytes + 1}\r\n`);
    expect(await rejection(app.port, head)).toEqual({ status: 413, closed: true });
  });

  it('When Content-Length is far beyond any integer, then the server answers 413', async () => {
    expect(await rejection(app.port, post(`Content-Length: ${'9'.repeat(40)}\r\n`))).toEqual({
      status: 413,
      closed: true,
    });
  });

  it('When chunks add up to more than the limit, then the server answers 413 and closes', async () => {
    const half = testLimits.maxBodyBytes / 2 + 1;
    const chunk = `${half.toString(16)}\r\n${'x'.repeat(half)}\r\n`;
    expect(await rejection(app.port, chunked(`${chunk}${chunk}0\r\n\r\n`))).toEqual({
      status: 413,
      closed: true,
    });
  });

  it('When one chunk size is over the limit, then the server answers 413 before its data', async () => {
    expect(await rejection(app.port, chunked('fffffffff\r\n'))).toEqual({ status: 413, closed: true });
  });
});
