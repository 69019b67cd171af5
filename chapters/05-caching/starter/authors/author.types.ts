import type { PageQuery, SortQuery } from '@course/platform/lists';

export interface Author {
  /** A UUID, assigned by the server. */
  id: string;
  name: string;
  bio?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface AuthorInput {
  /**
   * @minLength 1
   * @maxLength 200
   * @pattern \S
   * @example "Ursula K. Le Guin"
   */
  name: string;
  /** @maxLength 2000 */
  bio?: string;
}

/** A JSON merge patch (RFC 7396): absent fields stay as they are, and `"bio": null` removes the bio. */
export interface AuthorPatch {
  /**
   * @minLength 1
   * @maxLength 200
   * @pattern \S
   */
  name?: string;
  /** @maxLength 2000 */
  bio?: string | null;
}

export const AUTHOR_SORT_FIELDS = ['name', 'createdAt'] as const;
export type AuthorSortField = (typeof AUTHOR_SORT_FIELDS)[number];

export interface AuthorListQuery extends PageQuery, SortQuery {
  /**
   * Only authors whose name contains this text, ignoring case.
   * @maxLength 200
   */
  q?: string;
}
