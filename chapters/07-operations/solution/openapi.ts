import type { OpenApiDocument } from '@course/platform/http';

const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': {} } };
const json = (description: string) => ({ description, content: { 'application/json': {} } });

/** The document served at /openapi.json; documentedOnly() reads its paths to answer 404 and 405. */
export const openapi: OpenApiDocument = {
  openapi: '3.0.0',
  info: { title: 'Bookstore API (operations)', version: '1.0.0' },
  servers: [{ url: '/api/v1' }],
  paths: {
    '/books': { get: { summary: 'The first 50 books', responses: { 200: json('Books') } } },
    '/books/{id}': {
      get: {
        summary: 'One book',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { 200: json('The book'), 404: problem },
      },
    },
  },
};
