import { validationError } from '../errors/app-error';

export interface SortKey<Field extends string> {
  field: Field;
  direction: 'asc' | 'desc';
}

/**
 * Parses `sort=title,-publishedYear`: comma-separated fields, `-` for descending. Only fields in `allowed`
 * pass, because sorting must never reach fields that the API does not promise to sort on.
 */
export function parseSort<Field extends string>(raw: string, allowed: readonly Field[]): SortKey<Field>[] {
  // #exercise 2.5: Pagination, filtering and sorting. Stuck? pnpm course hint 2.5
  throw new Error('Exercise 2.5 is not done yet: parseSort()');
  // #end
}

type Sortable = string | number | Date;

function compareValues(a: Sortable, b: Sortable): number {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return Number(a) - Number(b);
}

/** A comparator for Array.prototype.sort that applies the keys in order; ties keep their original order. */
export function compareBy<T extends Record<Field, Sortable>, Field extends string>(
  keys: readonly SortKey<Field>[],
): (a: T, b: T) => number {
  // #exercise 2.5: Pagination, filtering and sorting. Stuck? pnpm course hint 2.5
  throw new Error('Exercise 2.5 is not done yet: compareBy()');
  // #end
}
