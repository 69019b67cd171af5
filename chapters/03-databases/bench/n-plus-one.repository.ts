import type { Slice } from '@course/platform/lists';
import { PrismaBookRepository } from '../solution/books/book.prisma-repository';
import { averageRating } from '../solution/books/average-rating';
import { bookOrderBy, bookWhere } from '../solution/books/book.prisma-query';
import type { BookListOptions } from '../solution/books/book.repository';
import type { Book } from '../solution/books/book.types';
import type { PrismaClient } from '../solution/generated/prisma/client';

/**
 * The "before" of the chapter's N+1 section, kept for the bench: one query for the page of books, then three more
 * for every book on it (its author, its links to tags, and those tags), one book after the other.
 */
export class NPlusOneBookRepository extends PrismaBookRepository {
  constructor(private readonly client: PrismaClient) {
    super(client);
  }

  override async list({ sort, limit, offset, ...filters }: BookListOptions): Promise<Slice<Book>> {
    const where = bookWhere(filters);
    const [rows, total] = await Promise.all([
      this.client.book.findMany({ where, orderBy: bookOrderBy(sort), skip: offset, take: limit }),
      this.client.book.count({ where }),
    ]);
    const items: Book[] = [];
    for (const row of rows) {
      const author = await this.client.author.findUniqueOrThrow({
        where: { id: row.authorId },
        select: { id: true, name: true },
      });
      const links = await this.client.bookTag.findMany({
        where: { bookId: row.id },
        select: { tag: { select: { name: true } } },
        orderBy: { tag: { name: 'asc' } },
      });
      items.push({
        id: row.id,
        title: row.title,
        isbn: row.isbn,
        authorId: row.authorId,
        author,
        publishedYear: row.publishedYear,
        priceCents: row.priceCents,
        tags: links.map(({ tag }) => tag.name),
        reviewCount: row.reviewCount,
        averageRating: averageRating(row.reviewCount, row.ratingSum),
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      });
    }
    return { items, total, limit, offset };
  }
}
