import type { ProfileRecord } from '../profiles/profile.types';

/** An article as a viewer sees it; `body` is left out of lists. */
export interface ArticleRecord {
  id: number;
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  createdAt: Date;
  updatedAt: Date;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileRecord;
}

export interface NewArticle {
  title: string;
  description: string;
  body: string;
  /** Trimmed, without duplicates, in the author's order. */
  tagList: string[];
}

/** The fields to change; a missing field stays as it is. */
export interface ArticlePatch {
  title?: string;
  description?: string;
  body?: string;
  tagList?: string[];
}

export interface ArticleFilters {
  tag?: string;
  /** A username. */
  author?: string;
  /** A username: the articles that this user favourited. */
  favorited?: string;
  /** The user id whose followed authors make the feed. */
  feedOf?: number;
}

/** Who may change an article. */
export interface ArticleOwner {
  id: number;
  authorId: number;
  slug: string;
  title: string;
}
