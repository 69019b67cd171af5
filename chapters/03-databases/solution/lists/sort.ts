import { validationError } from '../errors/app-error';

/** The query parameter of list endpoints that can be sorted. */
export interface SortQuery {
  /** Comma-separated fields to sort by; prefix a field with `-` for descending order. */
  sort?: string;
}

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
