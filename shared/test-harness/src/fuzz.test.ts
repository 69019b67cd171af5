import { fuzzOperation, KNOWN_ID, operationsOf, toWire } from './fuzz';
import { responseValidator, type OpenApiDocument } from './openapi';

const known = (name: string) => `id-of-${name}`;

describe('toWire', () => {
  it('When a path parameter is KNOWN_ID, odd or a broken encoding, then it becomes an id, one encoded segment, or stays as sent', () => {
    expect(toWire('/books/{bookId}', { params: { bookId: KNOWN_ID }, query: {} }, known).path).toBe(
      '/books/id-of-bookId',
    );
    expect(toWire('/books/{bookId}', { params: { bookId: 'a/b c' }, query: {} }, known).path).toBe(
      '/books/a%2Fb%20c',
    );
    expect(toWire('/books/{bookId}', { params: { bookId: '%E0%A4%A' }, query: {} }, known).path).toBe(
      '/books/%E0%A4%A',
    );
    expect(toWire('/books/{bookId}', { params: { bookId: '%/% ?%' }, query: {} }, known).path).toBe(
      '/books/%%2F%%20%3F%',
    );
    expect(toWire('/books/{bookId}', { params: { bookId: 'a\ud800' }, query: {} }, known).path).toBe(
      '/books/a%EF%BF%BD',
    );
    expect(toWire('/books/{bookId}', { params: { bookId: '' }, query: {} }, known).path).toBe('/books/x');
  });

  it('When there is a query and a JSON body, then the query is encoded and KNOWN_ID in the body becomes known("body")', () => {
    const wire = toWire(
      '/books',
      { params: {}, query: { q: 'a&b' }, body: { kind: 'json', value: { authorId: KNOWN_ID, year: 1 } } },
      known,
    );
    expect(wire).toEqual({
      path: '/books?q=a%26b',
      headers: { 'Content-Type': 'application/json' },
      body: '{"authorId":"id-of-body","year":1}',
    });
  });

  it('When the body is raw or a bare JSON value, then it goes as it is, with its own headers', () => {
    const raw = { kind: 'raw' as const, text: '{"a":', headers: { 'Content-Type': 'application/json' } };
    expect(toWire('/x', { params: {}, query: {}, body: raw }, known)).toEqual({
      path: '/x',
      headers: raw.headers,
      body: '{"a":',
    });
    expect(toWire('/x', { params: {}, query: {}, body: { kind: 'json', value: false } }, known).body).toBe(
      'false',
    );
    expect(toWire('/x', { params: {}, query: {} }, known)).toEqual({ path: '/x', headers: {} });
  });
});

describe('fuzzOperation', () => {
  const document: OpenApiDocument = {
    servers: [{ url: '/api' }],
    paths: {
      '/books/{bookId}': {
        get: {
          parameters: [{ name: 'bookId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { content: { 'application/json': { schema: { type: 'object', required: ['id'] } } } },
          },
        },
      },
    },
  };
  const [get] = operationsOf(document);
  const run = {
    document,
    responses: responseValidator(document),
    ...get!,
    basePath: '/api',
    known,
    runs: 20,
  };
  const json = (status: number, body: unknown) => ({
    status,
    headers: { 'content-type': 'application/json' },
    body,
  });

  it('When every answer is documented, then it passes, after sending each request under the server URL', async () => {
    const urls: string[] = [];
    await fuzzOperation({
      ...run,
      send: async (_method, url) => {
        urls.push(url);
        return json(200, { id: 'x' });
      },
    });
    expect(urls).toHaveLength(20);
    expect(urls.every((url) => url.startsWith('/api/books/'))).toBe(true);
  });

  it('When one answer is a 500, or a status or body the document does not list, then it fails', async () => {
    let calls = 0;
    for (const bad of [json(500, { id: 'x' }), json(404, { id: 'x' }), json(200, { title: 'no id' })]) {
      const send = async () => (++calls % 7 === 0 ? bad : json(200, { id: 'x' }));
      await expect(fuzzOperation({ ...run, send })).rejects.toThrow();
    }
  });
});
