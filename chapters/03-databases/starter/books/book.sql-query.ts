import type { SortKey } from '@course/platform/lists';
import { escapeLike } from '../database';
import type { BookFilters } from './book.repository';
import type { BookSortField } from './book.types';

/**
 * The column that each sort field sorts by. Values travel as parameters, but column names and ASC/DESC cannot:
 * they are part of the SQL text. So only names from this map ever reach it. A Map, because a plain object would
 * also answer to "constructor" or "toString".
 */
const SORT_COLUMNS = new Map<BookSortField, string>([
  ['title', 'b.title'],
  ['publishedYear', 'b.published_year'],
  ['priceCents', 'b.price_cents'],
  ['createdAt', 'b.created_at'],
]);

/**
 * The WHERE clause for the list filters. Every value goes into `values` and appears in the SQL only as its
 * placeholder ($1, $2, ...), so PostgreSQL never reads a value as SQL, whatever it contains.
 */
export function bookWhereSql(
  { authorId, q, tag, publishedFrom, publishedTo }: BookFilters,
  values: unknown[],
): string {
  // #exercise 3.2: Parameterised queries and safe sorting. Stuck? pnpm course hint 3.2
  return '';
  // #end
}

/** The ORDER BY clause, with the id last to break ties, so that pages never overlap. */
export function bookOrderBySql(sort: SortKey<BookSortField>[]): string {
  // #exercise 3.2: Parameterised queries and safe sorting. Stuck? pnpm course hint 3.2
  return 'ORDER BY b.id';
  // #end
}
