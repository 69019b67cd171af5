import type { SortKey } from '@course/platform/lists';
import type { Prisma } from '../generated/prisma/client';
import { escapeLike } from '../database';
import type { BookFilters } from './book.repository';
import type { BookSortField } from './book.types';

type OrderBy = (direction: Prisma.SortOrder) => Prisma.BookOrderByWithRelationInput;

/** Each sort field in Prisma's terms. A typed map, so that only the fields the API promises can be sorted on. */
const ORDER_BY: Record<BookSortField, OrderBy> = {
  title: (direction) => ({ title: direction }),
  publishedYear: (direction) => ({ publishedYear: direction }),
  priceCents: (direction) => ({ priceCents: direction }),
  createdAt: (direction) => ({ createdAt: direction }),
};

/** The list filters as a Prisma `where`. A filter that is undefined filters nothing: Prisma leaves it out. */
export function bookWhere(filters: BookFilters): Prisma.BookWhereInput {
  const { authorId, q, tag, publishedFrom, publishedTo } = filters;
  return {
    authorId,
    title: q === undefined ? undefined : { contains: escapeLike(q), mode: 'insensitive' },
    tags: tag === undefined ? undefined : { some: { tag: { name: tag } } },
    publishedYear: { gte: publishedFrom, lte: publishedTo },
  };
}

/** The sort keys as a Prisma `orderBy`, with the id last to break ties, so that pages never overlap. */
export function bookOrderBy(sort: SortKey<BookSortField>[]): Prisma.BookOrderByWithRelationInput[] {
  return [...sort.map(({ field, direction }) => ORDER_BY[field](direction)), { id: 'asc' }];
}
