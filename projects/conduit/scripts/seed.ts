/*
 * Loads a realistic data set into the database at DATABASE_URL (migrated first with `pnpm db:migrate`):
 *
 *   pnpm --filter @course/conduit db:seed [--users 200] [--articles 1000] [--force]
 *
 * Every seeded account has the password "password123" (user0001@conduit.example ... user0200@conduit.example).
 * It refuses a database that already has users, unless --force, which empties every table first.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '@course/platform/logging';
import { hashPassword } from '@course/platform/auth';
import { connectConduitDatabase } from '../src/database/prisma';
import { seedDatabase } from '../src/seed/seed';

export const SEED_PASSWORD = 'password123';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '200' },
      articles: { type: 'string', default: '1000' },
      force: { type: 'boolean', default: false },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set, e.g. postgres://postgres@127.0.0.1:5432/conduit');
  const logger = createLogger({ level: 'warn' });
  const database = connectConduitDatabase(url, 4, logger);
  try {
    if ((await database.prisma.user.count()) > 0) {
      if (!values.force)
        throw new Error('The database already has users; pass --force to empty it and seed again.');
      await database.pool.query(
        'TRUNCATE users, follows, articles, tags, article_tags, favorites, comments RESTART IDENTITY CASCADE',
      );
    }
    const started = Date.now();
    const counts = await seedDatabase(database.prisma, {
      users: Number(values.users),
      articles: Number(values.articles),
      passwordHash: await hashPassword(SEED_PASSWORD, 10),
    });
    console.log(`seeded in ${Date.now() - started} ms:`, counts);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
