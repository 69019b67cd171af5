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
  // #exercise 3.5: Filter, sort and paginate in the database. Stuck? pnpm course hint 3.5
  return {};
  // #end
}

/** The sort keys as a Prisma `orderBy`, with the id last to break ties, so that pages never overlap. */
export function bookOrderBy(sort: SortKey<BookSortField>[]): Prisma.BookOrderByWithRelationInput[] {
  // #exercise 3.5: Filter, sort and paginate in the database. Stuck? pnpm course hint 3.5
  return [];
  // #end
}
