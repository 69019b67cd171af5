const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` can be a key of ours at all. The keys are uuid columns, and PostgreSQL rejects a comparison with
 * text that is no UUID as an error; such an id simply names nothing, so the services answer 404 without asking.
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
