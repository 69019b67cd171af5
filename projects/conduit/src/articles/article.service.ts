import { AppError, validationError, validationErrors, type FieldError } from '@course/platform/errors';
import { UNCACHED, type PublicReads } from '../cache/public-reads';
import { SLUG_TAKEN, type ArticleRepository } from './article.repository';
import type { ArticleFilters, ArticleOwner, ArticlePatch, NewArticle } from './article.types';
import { toArticle, toSummary, type Article, type ArticleList } from './article.view';
import { slugCandidate, slugify } from './slug';

export interface Page {
  limit: number;
  offset: number;
}

// A lost race for a slug is retried with a random suffix; five losses in a row mean something else is wrong.
const SLUG_ATTEMPTS = 5;
// What slugify() and slugCandidate() can produce. Anything else cannot be an article: 404 without a query.
const SLUG_SHAPE = /^[a-z0-9-]{1,100}$/;

function blankFields(fields: Record<string, string | undefined>): FieldError[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && value.trim() === '')
    .map(([field]) => ({ field, message: "can't be blank" }));
}

/** Trimmed, without duplicates, in the author's order; a blank tag is a mistake, not something to drop quietly. */
function cleanTags(tagList: string[] | undefined, errors: FieldError[]): string[] | undefined {
  if (tagList === undefined) return undefined;
  const tags = tagList.map((tag) => tag.trim());
  if (tags.some((tag) => tag === '')) errors.push({ field: 'tagList', message: "can't hold a blank tag" });
  return [...new Set(tags)];
}

function check<T extends ArticlePatch>(input: T): T {
  const errors = blankFields({ title: input.title, description: input.description, body: input.body });
  const tagList = cleanTags(input.tagList, errors);
  if (errors.length > 0) throw validationErrors(errors);
  return {
    ...input,
    ...(input.title !== undefined && { title: input.title.trim() }),
    ...(tagList !== undefined && { tagList }),
  };
}

/** Articles, the feed, and favourites. */
export class ArticleService {
  constructor(
    private readonly articles: ArticleRepository,
    private readonly publicReads: PublicReads = UNCACHED,
  ) {}

  async list(filters: ArticleFilters, page: Page, viewerId?: number): Promise<ArticleList> {
    const { articles, total } = await this.articles.list(filters, page, viewerId);
    return { articles: articles.map(toSummary), articlesCount: total };
  }

  async feed(viewerId: number, page: Page): Promise<ArticleList> {
    return this.list({ feedOf: viewerId }, page, viewerId);
  }

  async get(slug: string, viewerId?: number): Promise<Article> {
    const article = SLUG_SHAPE.test(slug) ? await this.articles.findBySlug(slug, viewerId) : undefined;
    // Thrown, so never cached: an article published a moment later must not stay "not found".
    if (!article) throw new AppError({ code: 'ARTICLE_NOT_FOUND' });
    return toArticle(article);
  }

  async create(authorId: number, input: NewArticle): Promise<Article> {
    const article = check({ ...input, tagList: input.tagList ?? [] });
    // No lookup first: the unique index on slug decides, and a writer that loses the race tries another slug.
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const created = await this.articles.create(authorId, slugCandidate(article.title, attempt), article);
      if (created !== SLUG_TAKEN) {
        await this.publicReads.changed();
        return toArticle(created);
      }
    }
    throw new AppError({
      code: 'INTERNAL',
      message: `no free slug for "${article.title}" after ${SLUG_ATTEMPTS} attempts`,
    });
  }

  async update(slug: string, userId: number, patch: ArticlePatch): Promise<Article> {
    if (Object.values(patch).every((value) => value === undefined)) {
      throw validationError('article', 'needs at least one field to change');
    }
    const changes = check(patch);
    const owner = await this.ownArticle(slug, userId);
    // The slug follows the title, but only when the title's readable part changes.
    const newSlug = changes.title !== undefined && slugify(changes.title) !== slugify(owner.title);
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const slugChange = newSlug ? { slug: slugCandidate(changes.title as string, attempt) } : {};
      const updated = await this.articles.update(owner.id, { ...changes, ...slugChange });
      if (updated === false) throw new AppError({ code: 'ARTICLE_NOT_FOUND' });
      if (updated === true) {
        await this.publicReads.changed();
        return this.get(slugChange.slug ?? owner.slug, userId);
      }
    }
    throw new AppError({
      code: 'INTERNAL',
      message: `no free slug for "${changes.title}" after ${SLUG_ATTEMPTS} attempts`,
    });
  }

  async delete(slug: string, userId: number): Promise<void> {
    const owner = await this.ownArticle(slug, userId);
    await this.articles.delete(owner.id);
    await this.publicReads.changed();
  }

  async favorite(slug: string, userId: number): Promise<Article> {
    const owner = await this.findOwner(slug);
    if (!(await this.articles.favorite(userId, owner.id))) throw new AppError({ code: 'ARTICLE_NOT_FOUND' });
    await this.publicReads.changed();
    return this.get(owner.slug, userId);
  }

  async unfavorite(slug: string, userId: number): Promise<Article> {
    const owner = await this.findOwner(slug);
    await this.articles.unfavorite(userId, owner.id);
    await this.publicReads.changed();
    return this.get(owner.slug, userId);
  }

  /** The article's id, owner and title; 404 when it does not exist. */
  async findOwner(slug: string): Promise<ArticleOwner> {
    const owner = SLUG_SHAPE.test(slug) ? await this.articles.findOwner(slug) : undefined;
    if (!owner) throw new AppError({ code: 'ARTICLE_NOT_FOUND' });
    return owner;
  }

  private async ownArticle(slug: string, userId: number): Promise<ArticleOwner> {
    const owner = await this.findOwner(slug);
    if (owner.authorId !== userId) throw new AppError({ code: 'ARTICLE_FORBIDDEN' });
    return owner;
  }
}
