import { createHash } from 'node:crypto';

/** A key for one book. Ids are UUIDs by the time they get here, so the key is short and cannot collide. */
export function bookKey(id: string): string {
  return `books:${id.toLowerCase()}`;
}

/** The key whose version every write to books bumps, so that every cached list page is left behind at once. */
export const BOOK_LISTS = 'books:lists';

/**
 * A key for one page of a list, under the lists' current version. The query comes from the client, so it is
 * hashed: whatever its length the key stays 80-odd bytes, and JSON keeps the fields apart, where joining them
 * with ":" would make { q: "a:b" } and { q: "a", author: "b" } the same key.
 */
export function listKey(name: string, version: string, query: object): string {
  // #exercise 5.2: Cache-aside on Redis. Stuck? pnpm course hint 5.2
  return `${name}:v${version}:${Object.values(query).join(':')}`;
  // #end
}
