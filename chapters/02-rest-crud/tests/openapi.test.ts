import { exercise, scaffold } from '@course/test-harness';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import openapi from '@target/generated/openapi.json';
import { responseValidator } from '@course/test-harness/openapi';
import { API, createAuthor, createBook, makeApp, nextIsbn } from './support';

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
}

interface Operation {
  parameters?: { name: string; in: string; schema: Schema & { minimum?: number; maximum?: number } }[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  requestBody?: unknown;
}

const document = openapi as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const validator = responseValidator(document);

/** Checks that a response is one the document describes for this operation: its status, media type and body. */
function expectDocumented(path: string, method: string, res: Response): void {
  // Any value stands for a path parameter: the validator matches the path against the document's templates.
  validator.expectValid(method, `${API}${path.replace(/\{[^}]+\}/g, 'x')}`, res);
}

interface Check {
  exercise: string;
  method: string;
  path: string;
  send: (app: Express) => Promise<Response>;
}

/** One reasonable request for every operation that the API documents, with the exercise that makes it work. */
const checks: Check[] = [
  {
    exercise: '2.2',
    method: 'post',
    path: '/authors',
    send: (app) =>
      request(app).post(`${API}/authors`).send({ name: 'Ann Leckie', bio: 'Ancillary Justice.' }),
  },
  {
    exercise: '2.2',
    method: 'get',
    path: '/authors/{authorId}',
    send: async (app) => request(app).get(`${API}/authors/${(await createAuthor(app, { bio: 'Bio.' })).id}`),
  },
  {
    exercise: '2.2',
    method: 'patch',
    path: '/authors/{authorId}',
    send: async (app) =>
      request(app)
        .patch(`${API}/authors/${(await createAuthor(app)).id}`)
        .send({ bio: null }),
  },
  {
    exercise: '2.2',
    method: 'delete',
    path: '/authors/{authorId}',
    send: async (app) => request(app).delete(`${API}/authors/${(await createAuthor(app)).id}`),
  },
  {
    exercise: '2.3',
    method: 'post',
    path: '/books',
    send: async (app) => {
      const author = await createAuthor(app);
      return request(app).post(`${API}/books`).send({
        title: 'Ancillary Justice',
        isbn: nextIsbn(),
        authorId: author.id,
        publishedYear: 2013,
        priceCents: 1099,
      });
    },
  },
  {
    exercise: '2.3',
    method: 'get',
    path: '/books/{bookId}',
    send: async (app) =>
      request(app).get(`${API}/books/${(await createBook(app, (await createAuthor(app)).id)).id}`),
  },
  {
    exercise: '2.4',
    method: 'patch',
    path: '/books/{bookId}',
    send: async (app) => {
      const book = await createBook(app, (await createAuthor(app)).id);
      return request(app).patch(`${API}/books/${book.id}`).send({ priceCents: 899 });
    },
  },
  {
    exercise: '2.4',
    method: 'delete',
    path: '/books/{bookId}',
    send: async (app) =>
      request(app).delete(`${API}/books/${(await createBook(app, (await createAuthor(app)).id)).id}`),
  },
  {
    exercise: '2.5',
    method: 'get',
    path: '/books',
    send: async (app) => {
      const author = await createAuthor(app);
      for (const title of ['One', 'Two', 'Three']) await createBook(app, author.id, { title });
      return request(app).get(`${API}/books?limit=1&offset=1&sort=-title&q=o`);
    },
  },
  {
    exercise: '2.5',
    method: 'get',
    path: '/authors',
    send: async (app) => {
      await createAuthor(app, { name: 'One' });
      await createAuthor(app, { name: 'Two', bio: 'Bio.' });
      return request(app).get(`${API}/authors?sort=-name`);
    },
  },
];

const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({ path, method, operation })),
);

scaffold('the OpenAPI document', () => {
  it('When the document lists its operations, then each one has a reasonable request in this file', () => {
    const documented = operations.map(({ method, path }) => `${method} ${path}`).sort();
    expect(checks.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(documented);
  });

  it('When an operation can fail, then each 4xx and 5xx is documented as a problem+json ProblemDetails', () => {
    for (const { path, method, operation } of operations) {
      const failures = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect({
        operation: `${method} ${path}`,
        has500: failures.some(([status]) => status === '500'),
      }).toEqual({
        operation: `${method} ${path}`,
        has500: true,
      });
      for (const [status, response] of failures) {
        expect({ operation: `${method} ${path}`, status, content: response.content }).toEqual({
          operation: `${method} ${path}`,
          status,
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        });
      }
    }
  });

  it('When a query parameter is an integer, then the document bounds it within int32, as the code does', () => {
    for (const { path, method, operation } of operations) {
      for (const { name, schema } of (operation.parameters ?? []).filter(
        (p) => p.schema.type === 'integer',
      )) {
        const { minimum, maximum } = schema;
        expect({ parameter: `${method} ${path} ${name}`, minimum, maximum }).toEqual({
          parameter: `${method} ${path} ${name}`,
          minimum: expect.any(Number),
          maximum: expect.any(Number),
        });
        expect(minimum!).toBeGreaterThanOrEqual(-(2 ** 31));
        expect(maximum!).toBeLessThanOrEqual(2 ** 31 - 1);
      }
    }
  });

  it('When sort is empty or has an empty field, then the document refuses it, as the code does', () => {
    const sorts = operations.flatMap(({ operation }) =>
      (operation.parameters ?? []).filter((p) => p.name === 'sort'),
    );
    expect(sorts).toHaveLength(2);
    for (const { schema } of sorts) {
      for (const bad of ['', ',', 'title,', '--title', 'title,,name']) {
        expect({ sort: bad, refused: validator.valueProblems(bad, schema).length > 0 }).toEqual({
          sort: bad,
          refused: true,
        });
      }
      expect(validator.valueProblems('title,-publishedYear', schema)).toEqual([]);
    }
  });

  it('When a string field or q is documented, then the document refuses a NUL character in it', () => {
    const strings = [
      ...operations.flatMap(({ operation }) =>
        (operation.parameters ?? []).filter((p) => p.name === 'q').map((p) => p.schema),
      ),
      ...['AuthorInput', 'AuthorPatch', 'BookInput', 'BookPatch'].flatMap((name) =>
        Object.values(document.components.schemas[name]!.properties ?? {}).filter((p) => p.type === 'string'),
      ),
    ];
    for (const schema of strings) {
      expect({ schema, refused: validator.valueProblems('a\u0000b', schema).length > 0 }).toEqual({
        schema,
        refused: true,
      });
    }
  });

  it('When an operation takes a body, then it documents 400, 413, 415 and 422', () => {
    for (const { path, method, operation } of operations.filter(({ operation }) => operation.requestBody)) {
      expect({ operation: `${method} ${path}`, statuses: Object.keys(operation.responses) }).toEqual({
        operation: `${method} ${path}`,
        statuses: expect.arrayContaining(['400', '413', '415', '422']),
      });
    }
  });
});

exercise('2.1', () => {
  describe('POST /api/v1/authors', () => {
    it('When the body is rejected in any way, then the answer is documented and matches ProblemDetails', async () => {
      const { app } = makeApp();
      const post = () => request(app).post(`${API}/authors`);
      for (const res of [
        await post().set('Content-Type', 'application/json').send('{'),
        await post().send({ name: 'x'.repeat(150_000) }),
        await post().set('Content-Type', 'text/plain').send('name'),
        await post().send({ name: '' }),
      ]) {
        expectDocumented('/authors', 'post', res);
      }
    });
  });
});

for (const id of ['2.2', '2.3', '2.4', '2.5']) {
  exercise(id, () => {
    describe('documented operations', () => {
      for (const check of checks.filter((c) => c.exercise === id)) {
        it(`When ${check.method.toUpperCase()} ${check.path} gets a reasonable request, then it succeeds with a documented status and body`, async () => {
          const { app } = makeApp();
          const res = await check.send(app);
          expect(res.status).toBeLessThan(300);
          expectDocumented(check.path, check.method, res);
        });
      }
    });
  });
}
