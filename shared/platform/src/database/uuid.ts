const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the form of a UUID (any case). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * The UUID in `id`, in lower case, or undefined when it is not one. Parse ids once, at the edge, and compare only
 * parsed values: the same UUID in upper case is the same key to PostgreSQL, and a string comparison that misses it
 * is a security hole ("nobody changes their own roles"). An id that is no UUID names nothing, so the caller answers
 * 404 without asking the database, which would refuse the comparison with an error.
 */
export function parseUuid(id: string): string | undefined {
  return UUID.test(id) ? id.toLowerCase() : undefined;
}
