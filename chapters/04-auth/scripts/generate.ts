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
      'The Bookstore API of chapter 4: books, authors and reviews behind JWT access tokens, rotating refresh tokens ' +
      'and role-based permissions, with RFC 9457 problem details. Log in with POST /auth/login, then Authorize ' +
      'with the access token.',
    basePath: '/api/v1',
    securityDefinitions: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The accessToken of POST /auth/login or POST /auth/refresh.',
      },
    },
  },
  authenticationModule: 'auth/authentication.ts',
});
