/**
 * Escapes the wildcards of LIKE and ILIKE (`%`, `_`, and the escape character `\` itself), so that a search for
 * "100%" matches those four characters and not "100 and anything after it". PostgreSQL's default escape
 * character is `\`; Prisma's `contains` escapes by itself, raw SQL does not.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
