import type { Prisma } from '../generated/prisma/client';

export interface SampleSizes {
  authors: number;
  books: number;
}

export interface SampleData {
  authors: Prisma.AuthorCreateManyInput[];
  tags: Prisma.TagCreateManyInput[];
  books: Prisma.BookCreateManyInput[];
  bookTags: Prisma.BookTagCreateManyInput[];
  reviews: Prisma.ReviewCreateManyInput[];
}

/** A list written as words separated by spaces and line breaks. */
const words = (text: string): string[] => text.trim().split(/\s+/);

const FIRST_NAMES = words(`
  Ada Bram Cora Dev Elin Femi Greta Hiro Ines Jonah Kira Lars Mira Nuno Orla Pavel Quinn Rosa Sami
  Tove Umar Vera Wren Yusuf Zofia
`);
const LAST_NAMES = words(`
  Achebe Brandt Castillo Dunmore Eriksen Fontaine Galloway Haddad Ivanova Jansen Kowalski Lindqvist
  Moreau Nakamura Okafor Petrov Quist Rinaldi Sato Thorne
`);
const ADJECTIVES = words(`
  Silent Hollow Burning Last Hidden Drowned Golden Broken Distant Winter Iron Glass Wandering
  Forgotten Northern Quiet
`);
const NOUNS = words(`
  Harbour Orchard Archive Lighthouse Garden Empire River Machine Mountain Station Library Crown Tide
  Cartographer Signal Forest Bridge Atlas
`);
const TAGS = words(`
  fantasy science-fiction mystery thriller romance historical horror literary poetry biography essays
  young-adult short-stories classic award-winner debut translated series space-opera cozy
`);
const REVIEW_BODIES = [
  'Could not put it down.',
  'Slow start, strong finish.',
  'Beautifully written.',
  'Not for me.',
  'I will read it again.',
  undefined,
];

/** A small deterministic pseudo-random generator (mulberry32): the same seed gives the same numbers. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid ISBN-13 from a counter: the prefix 979-8, eight digits, and the check digit that makes it valid. */
function isbn(n: number): string {
  const digits = `9798${String(n).padStart(8, '0')}`;
  const sum = [...digits].reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3),
    0,
  );
  return `${digits}${(10 - (sum % 10)) % 10}`;
}

/**
 * The sample bookstore: authors with a few books each, books with one to three tags and up to eight reviews,
 * and rating counters that add up. `id` turns a name such as "book:7" into the row's id.
 */
export function sampleData(
  id: (name: string) => string,
  sizes: SampleSizes = { authors: 40, books: 300 },
): SampleData {
  const next = random(2024);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const start = Date.parse('2024-01-01T00:00:00Z');
  const at = (minutes: number) => new Date(start + minutes * 60_000);

  const authors = Array.from({ length: sizes.authors }, (_, n) => ({
    id: id(`author:${n}`),
    name: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}`,
    bio: n % 3 === 0 ? null : `Writes ${pick(TAGS).replace(/-/g, ' ')} and lives by the sea.`,
    createdAt: at(n),
    updatedAt: at(n),
  }));
  const tags = TAGS.map((name) => ({ id: id(`tag:${name}`), name }));

  const books: Prisma.BookCreateManyInput[] = [];
  const bookTags: Prisma.BookTagCreateManyInput[] = [];
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  for (let n = 0; n < sizes.books; n++) {
    const bookId = id(`book:${n}`);
    const created = at(sizes.authors + n * 60);
    const ratings = Array.from({ length: Math.floor(next() * 9) }, () =>
      Math.min(5, 1 + Math.floor(next() * 5.5)),
    );
    books.push({
      id: bookId,
      title:
        n % 2 === 0
          ? `The ${pick(ADJECTIVES)} ${pick(NOUNS)}`
          : `${pick(NOUNS)} of the ${pick(ADJECTIVES)} ${pick(NOUNS)}`,
      isbn: isbn(n + 1),
      authorId: authors[Math.floor(next() * authors.length)]!.id,
      publishedYear: 1950 + Math.floor(next() * 75),
      priceCents: 499 + 100 * Math.floor(next() * 30),
      reviewCount: ratings.length,
      ratingSum: ratings.reduce((sum, rating) => sum + rating, 0),
      createdAt: created,
      updatedAt: created,
    });
    for (const tag of new Set([pick(TAGS), pick(TAGS), pick(TAGS)].slice(0, 1 + Math.floor(next() * 3)))) {
      bookTags.push({ bookId, tagId: id(`tag:${tag}`) });
    }
    ratings.forEach((rating, r) => {
      reviews.push({
        id: id(`review:${n}:${r}`),
        bookId,
        reviewer: `reader${r + 1}@example.com`,
        rating,
        body: pick(REVIEW_BODIES) ?? null,
        createdAt: new Date(created.getTime() + (r + 1) * 86_400_000),
      });
    });
  }
  return { authors, tags, books, bookTags, reviews };
}
