import type { PrismaClient } from '../database/prisma';
import { slugify } from '../articles/slug';

export interface SeedOptions {
  users: number;
  articles: number;
  /** One bcrypt hash for every seeded account (they all share the password the README gives). */
  passwordHash: string;
  /** The same seed gives the same data set. */
  seed?: number;
}

export interface SeedCounts {
  users: number;
  follows: number;
  articles: number;
  tags: number;
  favorites: number;
  comments: number;
}

const WORDS = (
  'api backend cache queue schema index query latency throughput postgres redis express router token session ' +
  'migration transaction replica shard cluster deploy container signal shutdown logging metric trace budget ' +
  'error retry backoff idempotent stream buffer socket header payload contract version release rollback'
).split(' ');
const TAGS = (
  'node typescript express postgres prisma redis caching security auth testing performance devops docker ' +
  'kubernetes http rest graphql design architecture databases queues observability career tutorial opinion'
).split(' ');

/** A small deterministic generator (mulberry32), so that a seed gives the same data on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Loads a realistic data set into an empty database: users who follow each other, articles spread over the last
 * year with tags, favourites and comments. Rows go in with createMany, a few thousand per statement.
 */
export async function seedDatabase(prisma: PrismaClient, options: SeedOptions): Promise<SeedCounts> {
  const random = generator(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sample = <T>(items: readonly T[], n: number): T[] =>
    [...items].sort(() => random() - 0.5).slice(0, n);
  const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

  const users = await prisma.user.createManyAndReturn({
    data: Array.from({ length: options.users }, (_, i) => {
      const username = `user${String(i + 1).padStart(4, '0')}`;
      return {
        username,
        email: `${username}@conduit.example`,
        passwordHash: options.passwordHash,
        bio: random() < 0.6 ? `I write about ${pick(TAGS)} and ${pick(TAGS)}.` : null,
        image: random() < 0.5 ? `https://api.realworld.show/images/${username}.jpg` : null,
      };
    }),
    select: { id: true },
  });
  const userIds = users.map((user) => user.id);

  const follows = userIds.flatMap((followerId) =>
    sample(userIds, 1 + Math.floor(random() * 15))
      .filter((followedId) => followedId !== followerId)
      .map((followedId) => ({ followerId, followedId })),
  );
  await prisma.follow.createMany({ data: follows, skipDuplicates: true });

  const tags = await prisma.tag.createManyAndReturn({
    data: TAGS.map((name) => ({ name })),
    select: { id: true },
  });
  const yearMs = 365 * 24 * 3600 * 1000;
  const now = Date.now();
  const articles = await prisma.article.createManyAndReturn({
    data: Array.from({ length: options.articles }, (_, i) => {
      const title = `${sentence(3 + Math.floor(random() * 5))}`.replace(/^./, (c) => c.toUpperCase());
      const createdAt = new Date(now - Math.floor(random() * yearMs));
      return {
        slug: `${slugify(title)}-${i + 1}`,
        title,
        description: sentence(10),
        body: Array.from({ length: 3 + Math.floor(random() * 5) }, () => `${sentence(40)}.`).join('\n\n'),
        authorId: pick(userIds),
        createdAt,
        updatedAt: createdAt,
      };
    }),
    select: { id: true },
  });
  const articleIds = articles.map((article) => article.id);

  const articleTags = articleIds.flatMap((articleId) =>
    sample(tags, Math.floor(random() * 5)).map((tag, position) => ({ articleId, tagId: tag.id, position })),
  );
  await prisma.articleTag.createMany({ data: articleTags });

  // The trigger on favorites keeps every article's favoritesCount as the rows go in.
  const favorites = articleIds.flatMap((articleId) =>
    sample(userIds, Math.floor(random() * 12)).map((userId) => ({ userId, articleId })),
  );
  await prisma.favorite.createMany({ data: favorites });

  const comments = articleIds.flatMap((articleId) =>
    Array.from({ length: Math.floor(random() * 4) }, () => ({
      articleId,
      authorId: pick(userIds),
      body: `${sentence(12)}.`,
    })),
  );
  await prisma.comment.createMany({ data: comments });

  return {
    users: userIds.length,
    follows: follows.length,
    articles: articleIds.length,
    tags: tags.length,
    favorites: favorites.length,
    comments: comments.length,
  };
}
