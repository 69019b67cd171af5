import { createHash } from 'node:crypto';

/**
 * An entity tag for a representation (RFC 9110 §8.8.3). A strong one promises the same bytes, so a client may
 * combine ranges of it; a weak one, W/"...", only promises the same meaning, which is all a 304 needs.
 */
export function etagOf(body: string | Buffer, { weak = false }: { weak?: boolean } = {}): string {
  // #exercise 5.5
  const tag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return weak ? `W/${tag}` : tag;
  // #end
}

/**
 * Whether If-None-Match matches `etag`: "*" matches any, and otherwise any tag in the list matches by weak
 * comparison, which ignores the W/ prefix on either side (RFC 9110 §13.1.2, §8.8.3.2).
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  // #exercise 5.5
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
  // #starter
  // return false;
  // #end
}
