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
  return raw.split(',').map((part) => {
    const descending = part.startsWith('-');
    const name = descending ? part.slice(1) : part;
    const field = allowed.find((candidate) => candidate === name);
    if (field === undefined) {
      throw validationError(
        'query.sort',
        `cannot sort by "${name}"; use ${allowed.join(', ')}, with "-" for descending`,
      );
    }
    return { field, direction: descending ? 'desc' : 'asc' };
  });
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
  return (a, b) => {
    for (const { field, direction } of keys) {
      const order = compareValues(a[field], b[field]);
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return 0;
  };
}
