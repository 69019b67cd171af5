import { createHash } from 'node:crypto';

/**
 * A cache key for a query that comes from a client: `<namespace>:<SHA-256 of the query's canonical JSON>`. The key
 * stays short whatever the input's size, the same query with its fields in another order gives the same key, and
 * fields can't run into each other the way `a:b` and `a` + `b` do when joined with ":".
 */
export function cacheKey(namespace: string, query: object): string {
  const canonical = JSON.stringify(Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${namespace}:${createHash('sha256').update(canonical).digest('base64url')}`;
}
