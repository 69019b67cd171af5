import type { Slice } from '@course/platform/lists';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { isRecordNotFound, prismaConstraintViolation } from '../database';
import { averageRating } from './average-rating';
import { bookConstraintError } from './book.errors';
import { bookOrderBy, bookWhere } from './book.prisma-query';
import type { BookListOptions, BookRepository } from './book.repository';
import type { Book, BookInput, BookPatch } from './book.types';

/** The relations that every Book carries: who wrote it, and its tags in alphabetical order. */
const bookInclude = {
  author: { select: { id: true, name: true } },
  tags: { select: { tag: { select: { name: true } } }, orderBy: { tag: { name: 'asc' } } },
} satisfies Prisma.BookInclude;

type BookRow = Prisma.BookGetPayload<{ include: typeof bookInclude }>;

/** A plain Book from Prisma's row: the API's fields and nothing else, so that no Prisma type leaves this file. */
function toBook(row: BookRow): Book {
  // #exercise 3.4: A Prisma repository that returns plain objects. Stuck? pnpm course hint 3.4
  throw new Error('Exercise 3.4 is not done yet: write toBook()');
  // #end
}

/**
 * Creates the named tags that do not exist yet, in one INSERT ... ON CONFLICT DO NOTHING. Two requests that bring
 * the same new tag at once cannot both insert it: the second waits for the first and then does nothing. (Prisma's
 * `connectOrCreate` reads and then inserts, so that pair of requests would break the unique index instead.)
 */
function createMissingTags(prisma: PrismaClient, names: string[]) {
  return prisma.tag.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true });
}

/** Links to the named tags, which createMissingTags() has made sure exist. */
function tagLinks(names: string[]): Prisma.BookTagCreateWithoutBookInput[] {
  return names.map((name) => ({ tag: { connect: { name } } }));
}

export class PrismaBookRepository implements BookRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create({ tags = [], ...fields }: BookInput): Promise<Book> {
    // #exercise 3.4: A Prisma repository that returns plain objects. Stuck? pnpm course hint 3.4
    throw new Error('Exercise 3.4 is not done yet: write PrismaBookRepository.create()');
    // #end
  }

  async findById(id: string): Promise<Book | undefined> {
    // #exercise 3.4: A Prisma repository that returns plain objects. Stuck? pnpm course hint 3.4
    throw new Error('Exercise 3.4 is not done yet: write PrismaBookRepository.findById()');
    // #end
  }

  async update(id: string, { tags, ...fields }: BookPatch): Promise<Book | undefined> {
    // #exercise 3.4: A Prisma repository that returns plain objects. Stuck? pnpm course hint 3.4
    throw new Error('Exercise 3.4 is not done yet: write PrismaBookRepository.update()');
    // #end
  }

  async delete(id: string): Promise<boolean> {
    // #exercise 3.4: A Prisma repository that returns plain objects. Stuck? pnpm course hint 3.4
    throw new Error('Exercise 3.4 is not done yet: write PrismaBookRepository.delete()');
    // #end
  }

  async list({ sort, limit, offset, ...filters }: BookListOptions): Promise<Slice<Book>> {
    // #exercise 3.6: Books with their author and tags, without N+1. Stuck? pnpm course hint 3.6
    throw new Error('Exercise 3.6 is not done yet: write PrismaBookRepository.list()');
    // #end
  }
}
