/*
 * Generates the library's test fixture (test/fixture/generated/): its Prisma client, which the database module's
 * tests use, and its tsoa routes and OpenAPI document, which the generate and OpenAPI tests use. The library itself
 * never imports generated code.
 */
import path from 'node:path';
import { runGenerate } from '../src/generate';

void runGenerate({
  packageDir: path.join(__dirname, '..', 'test'),
  trees: ['fixture'],
  api: { name: 'Fixture API', description: 'The test fixture of @course/platform.', basePath: '/api/v1' },
});
