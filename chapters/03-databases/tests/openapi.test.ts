import { exercise, scaffold } from '@course/test-harness';
import { responseValidator } from '@course/test-harness/openapi';
import type { Express } from 'express';
import request, { type Response } from 'supertest';
import openapi from '@target/generated/openapi.json';
import { API, createAuthor, createBook, insertBooks, nextIsbn, useBookstore } from './support';

const { db, makeApp } = useBookstore();

async function insertBook(): Promise<string> {
  const { bookIds } = await insertBooks(db, [{ title: 'The Fifth Season', author: 'N. K. Jemisin' }]);
  return bookIds.get('The Fifth Season')!;
}

async function insertReview(bookId: string): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO reviews (book_id, reviewer, rating, body) VALUES ($1, 'alabaster@example.com', 4, 'Dense.') RETURNING id",
    [bookId],
  );
  return rows[0]!.id;
}

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  requestBody?: unknown;
}

const document = openapi as unknown as { paths: Record<string, Record<string, Operation>> };
const responses = responseValidator(document);

/** Checks that a response is one the document describes for this operation: its status, media type and body. */
function expectDocumented(path: string, method: string, res: Response): void {
  // Any value stands for a path parameter: the validator matches the path against the document's templates.
  responses.expectValid(method, `${API}${path.replace(/\{[^}]+\}/g, 'x')}`, res);
}

interface Check {
  /** The exercise that makes the operation work, or undefined when the starter already does. */
  exercise?: string;
  method: string;
  path: string;
  send: (app: Express) => Promise<Response>;
}

/** One reasonable request for every operation that the API documents, with the exercise that makes it work. */
const checks: Check[] = [
  {
    method: 'post',
    path: '/authors',
    send: (app) =>
      request(app).post(`${API}/authors`).send({ name: 'Ann Leckie', bio: 'Ancillary Justice.' }),
  },
  {
    method: 'get',
    path: '/authors/{authorId}',
    send: async (app) => request(app).get(`${API}/authors/${(await createAuthor(app, { bio: 'Bio.' })).id}`),
  },
  {
    method: 'patch',
    path: '/authors/{authorId}',
    send: async (app) =>
      request(app)
        .patch(`${API}/authors/${(await createAuthor(app)).id}`)
        .send({ bio: null }),
  },
  {
    method: 'delete',
    path: '/authors/{authorId}',
    send: async (app) => request(app).delete(`${API}/authors/${(await createAuthor(app)).id}`),
  },
  {
    exercise: '3.4',
    method: 'post',
    path: '/books',
    send: async (app) => {
      const author = await createAuthor(app);
      return request(app)
        .post(`${API}/books`)
        .send({
          title: 'Ancillary Justice',
          isbn: nextIsbn(),
          authorId: author.id,
          publishedYear: 2013,
          priceCents: 1099,
          tags: ['space-opera'],
        });
    },
  },
  {
    exercise: '3.4',
    method: 'get',
    path: '/books/{bookId}',
    send: async (app) =>
      request(app).get(`${API}/books/${(await createBook(app, (await createAuthor(app)).id)).id}`),
  },
  {
    exercise: '3.4',
    method: 'patch',
    path: '/books/{bookId}',
    send: async (app) => {
      const book = await createBook(app, (await createAuthor(app)).id);
      return request(app).patch(`${API}/books/${book.id}`).send({ priceCents: 899 });
    },
  },
  {
    exercise: '3.4',
    method: 'delete',
    path: '/books/{bookId}',
    send: async (app) =>
      request(app).delete(`${API}/books/${(await createBook(app, (await createAuthor(app)).id)).id}`),
  },
  {
    exercise: '3.6',
    method: 'get',
    path: '/books',
    send: async (app) => {
      const author = await createAuthor(app);
      for (const title of ['One', 'Two', 'Three']) await createBook(app, author.id, { title });
      return request(app).get(`${API}/books?limit=1&offset=1&sort=-title&q=o`);
    },
  },
  {
    method: 'get',
    path: '/authors',
    send: async (app) => {
      await createAuthor(app, { name: 'One' });
      await createAuthor(app, { name: 'Two', bio: 'Bio.' });
      return request(app).get(`${API}/authors?sort=-name`);
    },
  },
  {
    exercise: '3.8',
    method: 'post',
    path: '/books/{bookId}/reviews',
    send: async (app) =>
      request(app)
        .post(`${API}/books/${await insertBook()}/reviews`)
        .send({ reviewer: 'syenite@example.com', rating: 5, body: 'Stunning.' }),
  },
  {
    method: 'get',
    path: '/books/{bookId}/reviews',
    send: async (app) => {
      const bookId = await insertBook();
      await insertReview(bookId);
      return request(app).get(`${API}/books/${bookId}/reviews?limit=5`);
    },
  },
  {
    method: 'get',
    path: '/books/{bookId}/reviews/{reviewId}',
    send: async (app) => {
      const bookId = await insertBook();
      return request(app).get(`${API}/books/${bookId}/reviews/${await insertReview(bookId)}`);
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

  it('When an operation takes a body, then it documents 400, 413, 415 and 422', () => {
    for (const { path, method, operation } of operations.filter(({ operation }) => operation.requestBody)) {
      expect({ operation: `${method} ${path}`, statuses: Object.keys(operation.responses) }).toEqual({
        operation: `${method} ${path}`,
        statuses: expect.arrayContaining(['400', '413', '415', '422']),
      });
    }
  });
});

scaffold('problem details in the OpenAPI document', () => {
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

function documentedOperations(selected: Check[]): void {
  describe('documented operations', () => {
    for (const check of selected) {
      it(`When ${check.method.toUpperCase()} ${check.path} gets a reasonable request, then it succeeds with a documented status and body`, async () => {
        const { app } = makeApp();
        const res = await check.send(app);
        expect(res.status).toBeLessThan(300);
        expectDocumented(check.path, check.method, res);
      });
    }
  });
}

scaffold('operations that work from the start', () =>
  documentedOperations(checks.filter((c) => !c.exercise)),
);
for (const id of ['3.4', '3.6', '3.8']) {
  exercise(id, () => documentedOperations(checks.filter((c) => c.exercise === id)));
}
