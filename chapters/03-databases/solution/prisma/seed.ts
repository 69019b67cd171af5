/*
 * Sample data for trying the API: `pnpm db:seed`. The data is the same on every run, ids included, and a second
 * run adds nothing: rows that exist already are skipped. It never deletes anything; `pnpm db:reset` does.
 */
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { sampleData, type SampleSizes } from './sample-data';

export interface SeedResult {
  authors: number;
  books: number;
  tags: number;
  reviews: number;
}

/** A UUID made from a name, so that a seeded row has the same id on every run (RFC 9562 §5.5, version 5). */
export function seedId(name: string): string {
  const hex = createHash('sha1').update(`bookstore-seed:${name}`).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Inserts the sample data that is not in the database yet, in one transaction. Returns what it added. */
export async function seed(prisma: PrismaClient, sizes?: SampleSizes): Promise<SeedResult> {
  const data = sampleData(seedId, sizes);
  return prisma.$transaction(
    async (tx) => {
      const authors = await tx.author.createMany({ data: data.authors, skipDuplicates: true });
      const tags = await tx.tag.createMany({ data: data.tags, skipDuplicates: true });
      const books = await tx.book.createMany({ data: data.books, skipDuplicates: true });
      await tx.bookTag.createMany({ data: data.bookTags, skipDuplicates: true });
      const reviews = await tx.review.createMany({ data: data.reviews, skipDuplicates: true });
      return { authors: authors.count, books: books.count, tags: tags.count, reviews: reviews.count };
    },
    // Interactive transactions time out after 5 s by default; a first seed on a slow machine may need longer.
    { timeout: 60_000 },
  );
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL, for example postgres://postgres@127.0.0.1:5432/bookstore');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const added = await seed(prisma);
    console.log(
      `Added ${added.authors} authors, ${added.books} books, ${added.tags} tags and ${added.reviews} reviews.`,
    );
  } finally {
    await prisma.$disconnect();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
