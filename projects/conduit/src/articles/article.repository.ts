import { isRecordNotFound, prismaConstraintViolation } from '@course/platform/database';
import type { Prisma, PrismaClient } from '../database/prisma';
import { PROFILE_SELECT, toProfile } from '../profiles/profile.repository';
import type { ArticleFilters, ArticleOwner, ArticlePatch, ArticleRecord, NewArticle } from './article.types';

export interface ArticlePage {
  articles: ArticleRecord[];
  /** How many articles match the filters, on every page. */
  total: number;
}

/** Returned instead of an article when another article already holds the slug. */
export const SLUG_TAKEN = Symbol('slug taken');

/** Where articles, their tags and their favourites are stored. Reads take the viewer, for `favorited`/`following`. */
export interface ArticleRepository {
  create(authorId: number, slug: string, article: NewArticle): Promise<ArticleRecord | typeof SLUG_TAKEN>;
  findBySlug(slug: string, viewerId?: number): Promise<ArticleRecord | undefined>;
  findOwner(slug: string): Promise<ArticleOwner | undefined>;
  /** False when the article no longer exists. */
  update(id: number, patch: ArticlePatch & { slug?: string }): Promise<boolean | typeof SLUG_TAKEN>;
  delete(id: number): Promise<boolean>;
  /** Newest first; `body` is left out. */
  list(
    filters: ArticleFilters,
    page: { limit: number; offset: number },
    viewerId?: number,
  ): Promise<ArticlePage>;
  /** Idempotent; the favourites count is kept by the database (see the migration). False when the article is gone. */
  favorite(userId: number, articleId: number): Promise<boolean>;
  unfavorite(userId: number, articleId: number): Promise<void>;
}

function articleSelect(viewerId: number | undefined, withBody: boolean) {
  return {
    id: true,
    slug: true,
    title: true,
    description: true,
    body: withBody,
    createdAt: true,
    updatedAt: true,
    favoritesCount: true,
    tags: { select: { tag: { select: { name: true } } }, orderBy: { position: 'asc' } },
    author: { select: PROFILE_SELECT(viewerId) },
    favorites:
      viewerId === undefined ? false : { where: { userId: viewerId }, select: { userId: true }, take: 1 },
  } as const satisfies Prisma.ArticleSelect;
}

type ArticleRow = Prisma.ArticleGetPayload<{ select: ReturnType<typeof articleSelect> }>;

function toRecord(row: ArticleRow): ArticleRecord {
  const { tags, favorites, author, body, ...rest } = row;
  return {
    ...rest,
    ...(typeof body === 'string' && { body }),
    tagList: tags.map(({ tag }) => tag.name),
    favorited: Array.isArray(favorites) && favorites.length > 0,
    author: toProfile(author),
  };
}

function where({ tag, author, favorited, feedOf }: ArticleFilters): Prisma.ArticleWhereInput {
  const conditions: Prisma.ArticleWhereInput[] = [];
  if (tag !== undefined) conditions.push({ tags: { some: { tag: { name: tag } } } });
  if (author !== undefined) conditions.push({ author: { username: author } });
  if (favorited !== undefined) conditions.push({ favorites: { some: { user: { username: favorited } } } });
  if (feedOf !== undefined) conditions.push({ author: { followers: { some: { followerId: feedOf } } } });
  return { AND: conditions };
}

function isSlugTaken(error: unknown): boolean {
  const violation = prismaConstraintViolation(error);
  return violation?.kind === 'unique' && violation.constraint === 'articles_slug_key';
}

/** A favourite of an article that was deleted in the meantime breaks the foreign key. */
function isArticleGone(error: unknown): boolean {
  const violation = prismaConstraintViolation(error);
  return violation?.kind === 'foreign-key' || isRecordNotFound(error);
}

/** Keeps articles in PostgreSQL and hands out plain objects, so that no Prisma type leaks above this file. */
export class PrismaArticleRepository implements ArticleRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(
    authorId: number,
    slug: string,
    article: NewArticle,
  ): Promise<ArticleRecord | typeof SLUG_TAKEN> {
    const { tagList, ...fields } = article;
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const tags = await this.tagIds(tx, tagList);
        return tx.article.create({
          data: { ...fields, slug, authorId, tags: { create: tags } },
          select: articleSelect(authorId, true),
        });
      });
      return toRecord(row);
    } catch (error) {
      if (isSlugTaken(error)) return SLUG_TAKEN;
      throw error;
    }
  }

  async findBySlug(slug: string, viewerId?: number): Promise<ArticleRecord | undefined> {
    const row = await this.prisma.article.findUnique({
      where: { slug },
      select: articleSelect(viewerId, true),
    });
    return row ? toRecord(row) : undefined;
  }

  async findOwner(slug: string): Promise<ArticleOwner | undefined> {
    const row = await this.prisma.article.findUnique({
      where: { slug },
      select: { id: true, authorId: true, slug: true, title: true },
    });
    return row ?? undefined;
  }

  async update(id: number, patch: ArticlePatch & { slug?: string }): Promise<boolean | typeof SLUG_TAKEN> {
    const { tagList, ...fields } = patch;
    try {
      await this.prisma.$transaction(async (tx) => {
        // Changing only the tags is still a change: updatedAt moves with every successful update.
        await tx.article.update({ where: { id }, data: { ...fields, updatedAt: new Date() } });
        if (tagList === undefined) return;
        await tx.articleTag.deleteMany({ where: { articleId: id } });
        const tags = await this.tagIds(tx, tagList);
        await tx.articleTag.createMany({ data: tags.map((tag) => ({ ...tag, articleId: id })) });
      });
      return true;
    } catch (error) {
      if (isSlugTaken(error)) return SLUG_TAKEN;
      if (isArticleGone(error)) return false;
      throw error;
    }
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.article.deleteMany({ where: { id } });
    return count > 0;
  }

  async list(
    filters: ArticleFilters,
    { limit, offset }: { limit: number; offset: number },
    viewerId?: number,
  ): Promise<ArticlePage> {
    const condition = where(filters);
    // One query for the page, with authors, tags and the viewer's favourites and follows joined in (Prisma's
    // relationJoins), and one for the count: two queries whatever the page size, never one per article.
    const [rows, total] = await Promise.all([
      this.prisma.article.findMany({
        where: condition,
        select: articleSelect(viewerId, false),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: offset,
        take: limit,
      }),
      this.prisma.article.count({ where: condition }),
    ]);
    return { articles: rows.map(toRecord), total };
  }

  async favorite(userId: number, articleId: number): Promise<boolean> {
    try {
      // INSERT ... ON CONFLICT DO NOTHING: a second favourite inserts no row, so the trigger counts nothing.
      await this.prisma.favorite.createMany({ data: [{ userId, articleId }], skipDuplicates: true });
      return true;
    } catch (error) {
      if (isArticleGone(error)) return false;
      throw error;
    }
  }

  async unfavorite(userId: number, articleId: number): Promise<void> {
    await this.prisma.favorite.deleteMany({ where: { userId, articleId } });
  }

  /** The ids of the named tags, created when new, with each tag's position in the author's list. */
  private async tagIds(
    tx: Prisma.TransactionClient,
    names: string[],
  ): Promise<{ tagId: number; position: number }[]> {
    if (names.length === 0) return [];
    // Two articles may introduce one new tag at the same moment: the unique index keeps one row, and
    // ON CONFLICT DO NOTHING lets both go on to read it.
    await tx.tag.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true });
    const tags = await tx.tag.findMany({ where: { name: { in: names } }, select: { id: true, name: true } });
    const idByName = new Map(tags.map((tag) => [tag.name, tag.id]));
    return names.map((name, position) => ({ tagId: idByName.get(name) as number, position }));
  }
}
