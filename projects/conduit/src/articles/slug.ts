import { randomBytes } from 'node:crypto';

const MAX_SLUG_LENGTH = 80;

/**
 * The readable part of a slug: lower case, accents dropped, every run of other characters turned into one dash.
 * A title with no letters or digits at all ("!!!", an emoji) gives "article".
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'article' : slug;
}

/**
 * The slug to try on the given attempt: the plain slug first, then with a random suffix. A counter (-2, -3) would
 * make every writer that lost the race for the plain slug collide again on -2; random suffixes do not.
 */
export function slugCandidate(title: string, attempt: number): string {
  const base = slugify(title);
  return attempt === 0 ? base : `${base}-${randomBytes(4).toString('hex')}`;
}
