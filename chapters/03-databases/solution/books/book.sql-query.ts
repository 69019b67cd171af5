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
  // #exercise 3.2
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const conditions: string[] = [];
  if (authorId !== undefined) conditions.push(`b.author_id = ${param(authorId)}`);
  if (q !== undefined) conditions.push(`b.title ILIKE ${param(`%${escapeLike(q)}%`)}`);
  if (tag !== undefined) {
    conditions.push(
      `EXISTS (SELECT 1 FROM book_tags bt JOIN tags t ON t.id = bt.tag_id
                WHERE bt.book_id = b.id AND t.name = ${param(tag)})`,
    );
  }
  if (publishedFrom !== undefined) conditions.push(`b.published_year >= ${param(publishedFrom)}`);
  if (publishedTo !== undefined) conditions.push(`b.published_year <= ${param(publishedTo)}`);
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  // #starter
  // return '';
  // #end
}

/** The ORDER BY clause, with the id last to break ties, so that pages never overlap. */
export function bookOrderBySql(sort: SortKey<BookSortField>[]): string {
  // #exercise 3.2
  const keys = sort.map(({ field, direction }) => {
    const column = SORT_COLUMNS.get(field);
    if (column === undefined) throw new Error(`cannot sort books by ${JSON.stringify(field)}`);
    return `${column} ${direction === 'desc' ? 'DESC' : 'ASC'}`;
  });
  return `ORDER BY ${[...keys, 'b.id'].join(', ')}`;
  // #starter
  // return 'ORDER BY b.id';
  // #end
}
