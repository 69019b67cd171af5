/*
 * Generates what each tree needs and nobody edits by hand, for solution/ and starter/: the Prisma client, then the
 * tsoa routes and the OpenAPI document, into <tree>/generated/. Nothing there is committed.
 */
import path from 'node:path';
import { runGenerate } from '@course/platform/generate';

void runGenerate({
  packageDir: path.resolve(__dirname, '..'),
  api: {
    name: 'Bookstore API',
    description:
      'The Bookstore API of chapter 3: books, authors and reviews over REST, stored in PostgreSQL, with RFC 9457 problem details.',
    basePath: '/api/v1',
  },
});
