import type { PrismaClient } from '../db/prisma';
import { isUuid } from '../db/uuid';
import type { Prisma } from '../generated/prisma/client';
import type { Slice } from '../lists/page';
import type { SortKey } from '../lists/sort';
import type { Book, BookInput, BookPatch, BookSortField } from './book.types';

export interface BookListOptions {
  authorId?: string;
  q?: string;
  publishedFrom?: number;
  publishedTo?: number;
  sort: SortKey<BookSortField>[];
  limit: number;
  offset: number;
}

/** Where books are stored. */
export interface BookRepository {
  create(input: BookInput): Promise<Book>;
  findById(id: string): Promise<Book | undefined>;
  findByIsbn(isbn: string): Promise<Book | undefined>;
  update(id: string, patch: BookPatch): Promise<Book | undefined>;
  delete(id: string): Promise<boolean>;
  countByAuthor(authorId: string): Promise<number>;
  list(options: BookListOptions): Promise<Slice<Book>>;
}

// The columns of a book, as the API shows it.
const BOOK = {
  id: true,
  title: true,
  isbn: true,
  authorId: true,
  publishedYear: true,
  priceCents: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Keeps books in PostgreSQL, and hands out plain objects, so that no Prisma type leaks above this file. */
export class PrismaBookRepository implements BookRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: BookInput): Promise<Book> {
    return this.prisma.book.create({ data: input, select: BOOK });
  }

  async findById(id: string): Promise<Book | undefined> {
    if (!isUuid(id)) return undefined;
    return (await this.prisma.book.findUnique({ where: { id }, select: BOOK })) ?? undefined;
  }

  async findByIsbn(isbn: string): Promise<Book | undefined> {
    return (await this.prisma.book.findUnique({ where: { isbn }, select: BOOK })) ?? undefined;
  }

  async update(id: string, patch: BookPatch): Promise<Book | undefined> {
    if (!isUuid(id)) return undefined;
    const { count } = await this.prisma.book.updateMany({ where: { id }, data: patch });
    return count === 0 ? undefined : this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { count } = await this.prisma.book.deleteMany({ where: { id } });
    return count > 0;
  }

  async countByAuthor(authorId: string): Promise<number> {
    if (!isUuid(authorId)) return 0;
    return this.prisma.book.count({ where: { authorId } });
  }

  async list({
    authorId,
    q,
    publishedFrom,
    publishedTo,
    sort,
    limit,
    offset,
  }: BookListOptions): Promise<Slice<Book>> {
    const where: Prisma.BookWhereInput = {
      authorId,
      ...(q !== undefined && { title: { contains: q, mode: 'insensitive' } }),
      publishedYear: { gte: publishedFrom, lte: publishedTo },
    };
    const [items, total] = await this.prisma.$transaction([
      this.prisma.book.findMany({
        where,
        select: BOOK,
        // The id breaks ties, so that pages never overlap or skip rows with equal sort values.
        orderBy: [...sort.map(({ field, direction }) => ({ [field]: direction })), { id: 'asc' as const }],
        skip: offset,
        take: limit,
      }),
      this.prisma.book.count({ where }),
    ]);
    return { items, total, limit, offset };
  }
}
