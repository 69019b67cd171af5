/*
 * Seeds a development database with an administrator, whose address and password come from the environment (a
 * default password would be the first one an attacker tries), and two books when the catalogue is empty:
 *
 *   ADMIN_EMAIL=you@bookstore.example ADMIN_PASSWORD='a long passphrase' pnpm db:seed
 *
 * Run it again to reset the administrator's password.
 */
import { AppError } from '@course/platform/errors';
import { PrismaPg } from '@prisma/adapter-pg';
import { checkPasswordPolicy, hashPassword } from '../auth/password';
import { DEFAULT_BCRYPT_COST } from '../config';
import { PrismaClient } from '../generated/prisma/client';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

async function seedAdmin(prisma: PrismaClient, email: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password, DEFAULT_BCRYPT_COST);
  const admin = await prisma.user.upsert({
    where: { email },
    create: { email, passwordHash },
    update: { passwordHash },
  });
  await prisma.userRole.createMany({ data: [{ userId: admin.id, roleName: 'admin' }], skipDuplicates: true });
  console.log(`administrator ${email} is ready`);
}

async function seedCatalogue(prisma: PrismaClient): Promise<void> {
  if ((await prisma.book.count()) > 0) return;
  const author = await prisma.author.create({ data: { name: 'Ursula K. Le Guin' } });
  await prisma.book.createMany({
    data: [
      { title: 'The Left Hand of Darkness', isbn: '9780441478125', publishedYear: 1969, priceCents: 1299 },
      { title: 'The Dispossessed', isbn: '9780060512750', publishedYear: 1974, priceCents: 1550 },
    ].map((book) => ({ ...book, authorId: author.id })),
  });
  console.log('added two books');
}

async function main(): Promise<void> {
  const email = required('ADMIN_EMAIL').trim().toLowerCase();
  const password = required('ADMIN_PASSWORD');
  checkPasswordPolicy(password, email);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: required('DATABASE_URL') }) });
  try {
    await seedAdmin(prisma, email, password);
    await seedCatalogue(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  const reason =
    error instanceof AppError && error.errors ? `ADMIN_PASSWORD ${error.errors[0]?.message}` : error;
  console.error(reason instanceof Error ? reason.message : reason);
  process.exit(1);
});
