// Generates, for solution/ and starter/, the Prisma client and tsoa's routes and OpenAPI document into
// <tree>/generated/. Nothing in generated/ is committed.
import path from 'node:path';
import { runGenerate } from '@course/platform/generate';

void runGenerate({
  packageDir: path.resolve(__dirname, '..'),
  authenticationModule: 'auth/authentication.ts',
  api: {
    name: 'Bookstore API',
    description:
      'The Bookstore API of chapter 5: chapter 4 with books cached in Redis, ETags and 304s, and a rate limit ' +
      'with RateLimit headers. Log in with POST /auth/login, then Authorize with the access token.',
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
});
