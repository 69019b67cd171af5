import { validationError } from '../errors/app-error';

/** The query parameter of list endpoints that can be sorted. */
export interface SortQuery {
  /**
   * Comma-separated fields to sort by; prefix a field with `-` for descending order.
   * @minLength 1
   */
  sort?: string;
}

/** One field to sort by, and which way. */
export interface SortKey<Field extends string> {
  field: Field;
  direction: 'asc' | 'desc';
}

/**
 * Parses `sort=title,-publishedYear`: comma-separated fields, `-` for descending. Only fields in `allowed` pass,
 * because sorting must never reach fields that the API does not promise to sort on; any other gets a 422 that names
 * `query.sort`, and so does an empty one, as the document says (`minLength: 1`). An absent `sort` gives no keys:
 * the caller's default order. Callers should end every order with a unique tie-breaker such as the id, so that
 * pages never overlap.
 */
export function parseSort<Field extends string>(
  raw: string | undefined,
  allowed: readonly Field[],
): SortKey<Field>[] {
  if (raw === undefined) return [];
  return raw.split(',').map((part): SortKey<Field> => {
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
