/**
 * Escapes the wildcards of LIKE and ILIKE (`%`, `_`, and the escape character `\` itself), so that a search for
 * "100%" matches those four characters and not "100 and anything after it".
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
