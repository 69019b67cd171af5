import { responseValidator, type OpenApiDocument } from './openapi';

const document: OpenApiDocument = {
  openapi: '3.0.0',
  servers: [{ url: '/api/v1' }],
  components: {
    schemas: {
      Book: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          subtitle: { type: 'string', nullable: true },
          createdAt: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'subtitle', 'createdAt'],
        additionalProperties: false,
      },
      Problem: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
    },
  },
  paths: {
    '/books/{bookId}': {
      get: {
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Book' } } } },
          '404': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
      delete: { responses: { '204': { description: 'Deleted' } } },
    },
  },
};

const json = { 'content-type': 'application/json; charset=utf-8' };
const book = { id: '1', subtitle: null, createdAt: '2024-01-01T00:00:00.000Z' };

describe('responseValidator()', () => {
  const responses = responseValidator(document);

  it('When a response matches its schema (a nullable field null included), then there is no problem', () => {
    expect(
      responses.problems('GET', '/api/v1/books/1?x=1', { status: 200, headers: json, body: book }),
    ).toEqual([]);
    expect(responses.problems('DELETE', '/api/v1/books/1', { status: 204, headers: {}, body: {} })).toEqual(
      [],
    );
  });

  it('When a field has the wrong type or format, or an undocumented one is added, then each is a problem', () => {
    const body = { ...book, id: 1, createdAt: 'yesterday', extra: true };
    expect(responses.problems('GET', '/api/v1/books/1', { status: 200, headers: json, body })).toHaveLength(
      3,
    );
  });

  it('When a problem+json answers a status documented as JSON, then it is checked against that schema', () => {
    const headers = { 'content-type': 'application/problem+json' };
    expect(
      responses.problems('GET', '/api/v1/books/1', { status: 404, headers, body: { code: 'X' } }),
    ).toEqual([]);
    expect(responses.problems('GET', '/api/v1/books/1', { status: 404, headers, body: {} })).toHaveLength(1);
  });

  it('When the status, the operation or the path is not documented, then that is the problem', () => {
    expect(responses.problems('GET', '/api/v1/books/1', { status: 500, headers: json, body: {} })).toEqual([
      'GET /books/{bookId} does not document status 500',
    ]);
    expect(
      responses.problems('PUT', '/api/v1/books/1', { status: 200, headers: json, body: {} }),
    ).toHaveLength(1);
    expect(
      responses.problems('GET', '/api/v1/authors', { status: 200, headers: json, body: {} }),
    ).toHaveLength(1);
  });

  it('When expectValid() sees a mismatch, then the test fails and lists it', () => {
    expect(() =>
      responses.expectValid('GET', '/api/v1/books/1', { status: 200, headers: json, body: {} }),
    ).toThrow(/must have required property/);
  });

  it('When a value is checked against a schema of the document, then its references resolve there and each fault is a problem', () => {
    const schema = { type: 'array', items: { $ref: '#/components/schemas/Book' } };
    expect(responses.valueProblems([book], schema)).toEqual([]);
    expect(responses.valueProblems([{ ...book, id: 1 }], schema)).toEqual(['value/0/id must be string']);
    expect(responses.valueProblems('a\u0000b', { type: 'string', pattern: '^[^\u0000]*$' })).toHaveLength(1);
  });
});
