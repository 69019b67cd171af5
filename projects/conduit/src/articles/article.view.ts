import { toProfileView } from '../profiles/profile.service';
import type { Profile } from '../profiles/profile.types';
import type { ArticleRecord } from './article.types';

/** An article as the API shows it. */
export interface Article {
  slug: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  /** ISO 8601, with milliseconds. */
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  /** @isInt */
  favoritesCount: number;
  author: Profile;
}

/** An article in a list: everything but the body. */
export type ArticleSummary = Omit<Article, 'body'>;

export interface ArticleList {
  articles: ArticleSummary[];
  /** How many articles match, on every page. @isInt */
  articlesCount: number;
}

export function toSummary(record: ArticleRecord): ArticleSummary {
  return {
    slug: record.slug,
    title: record.title,
    description: record.description,
    tagList: record.tagList,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    favorited: record.favorited,
    favoritesCount: record.favoritesCount,
    author: toProfileView(record.author),
  };
}

export function toArticle(record: ArticleRecord): Article {
  return { ...toSummary(record), body: record.body ?? '' };
}
