const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether `id` can be a key of ours at all. The keys are uuid columns, and PostgreSQL rejects a comparison with
 * text that is no UUID as an error; such an id simply names nothing, so the services answer 404 without asking.
 */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * The UUID in `id`, in lower case, or undefined when it is not one. PostgreSQL reads `ABC...` and `abc...` as the
 * same key, so code that compares ids must compare the parsed form, never the text it was sent.
 */
export function parseUuid(id: string): string | undefined {
  return isUuid(id) ? id.toLowerCase() : undefined;
}
