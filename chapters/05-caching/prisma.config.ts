import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'solution/prisma/schema.prisma',
  migrations: { path: 'solution/prisma/migrations' },
  // Read the variable directly: env() throws when it is unset, and turbo hides variables that a task does not list.
  datasource: { url: process.env.DATABASE_URL },
});
