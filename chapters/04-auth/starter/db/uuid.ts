const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` can be a key of a UUID column. PostgreSQL rejects anything else with an error, but to the API
 * a malformed id is just one that matches nothing.
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
