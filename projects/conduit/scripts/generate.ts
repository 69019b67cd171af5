/*
 * Generates everything under src/generated/ (git ignores it): the Prisma client from src/prisma/schema.prisma, then
 * the tsoa routes and the OpenAPI document from the controllers' TypeScript types.
 */
import path from 'node:path';
import { runGenerate } from '@course/platform/generate';

void runGenerate({
  packageDir: path.resolve(__dirname, '..'),
  trees: ['src'],
  authenticationModule: 'auth/authentication.ts',
  api: {
    name: 'Conduit API',
    description:
      'The RealWorld "Conduit" API (a Medium-like blogging platform), built on the course library. Register or ' +
      'log in, then Authorize with `Token <your token>`.',
    basePath: '/api',
    securityDefinitions: {
      Token: {
        type: 'apiKey',
        name: 'Authorization',
        in: 'header',
        description: 'Send `Token <jwt>`, where the JWT comes from POST /users or POST /users/login.',
      },
    },
  },
});
