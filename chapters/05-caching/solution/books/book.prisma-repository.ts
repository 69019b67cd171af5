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
  return {
    id: row.id,
    title: row.title,
    isbn: row.isbn,
    authorId: row.authorId,
    author: { id: row.author.id, name: row.author.name },
    publishedYear: row.publishedYear,
    priceCents: row.priceCents,
    tags: row.tags.map(({ tag }) => tag.name),
    reviewCount: row.reviewCount,
    averageRating: averageRating(row.reviewCount, row.ratingSum),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
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
    try {
      // One transaction: the tags and the book are stored together or not at all.
      const [, row] = await this.prisma.$transaction([
        createMissingTags(this.prisma, tags),
        this.prisma.book.create({
          data: { ...fields, tags: { create: tagLinks(tags) } },
          include: bookInclude,
        }),
      ]);
      return toBook(row);
    } catch (error) {
      throw bookConstraintError(prismaConstraintViolation(error), fields) ?? error;
    }
  }

  async findById(id: string): Promise<Book | undefined> {
    const row = await this.prisma.book.findUnique({ where: { id }, include: bookInclude });
    return row ? toBook(row) : undefined;
  }

  async update(id: string, { tags, ...fields }: BookPatch): Promise<Book | undefined> {
    try {
      const [, row] = await this.prisma.$transaction([
        createMissingTags(this.prisma, tags ?? []),
        this.prisma.book.update({
          where: { id },
          data: {
            ...fields,
            updatedAt: new Date(),
            // In the same transaction: the old links go only if the new ones come.
            ...(tags && { tags: { deleteMany: {}, create: tagLinks(tags) } }),
          },
          include: bookInclude,
        }),
      ]);
      return toBook(row);
    } catch (error) {
      if (isRecordNotFound(error)) return undefined;
      throw bookConstraintError(prismaConstraintViolation(error), fields) ?? error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const { count } = await this.prisma.book.deleteMany({ where: { id } });
    return count > 0;
  }

  async list({ sort, limit, offset, ...filters }: BookListOptions): Promise<Slice<Book>> {
    const where = bookWhere(filters);
    // `include` loads the authors and tags of the whole page with one query per relation, however long the page.
    const [rows, total] = await Promise.all([
      this.prisma.book.findMany({
        where,
        orderBy: bookOrderBy(sort),
        skip: offset,
        take: limit,
        include: bookInclude,
      }),
      this.prisma.book.count({ where }),
    ]);
    return { items: rows.map(toBook), total, limit, offset };
  }
}
