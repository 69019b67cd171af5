import type { PageQuery } from '../lists/page';

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
   * @pattern ^[^\x00]*[^\x00\s][^\x00]*$ must contain a character other than spaces, and no NUL character
   * @example "Ursula K. Le Guin"
   */
  name: string;
  /**
   * @maxLength 2000
   * @pattern ^[^\x00]*$ must not contain NUL characters
   */
  bio?: string;
}

/** A JSON merge patch (RFC 7396): absent fields stay as they are, and `"bio": null` removes the bio. */
export interface AuthorPatch {
  /**
   * @minLength 1
   * @maxLength 200
   * @pattern ^[^\x00]*[^\x00\s][^\x00]*$ must contain a character other than spaces, and no NUL character
   */
  name?: string;
  /**
   * @maxLength 2000
   * @pattern ^[^\x00]*$ must not contain NUL characters
   */
  bio?: string | null;
}

export const AUTHOR_SORT_FIELDS = ['name', 'createdAt'] as const;
export type AuthorSortField = (typeof AUTHOR_SORT_FIELDS)[number];

export interface AuthorListQuery extends PageQuery {
  /**
   * Only authors whose name contains this text, ignoring case.
   * @maxLength 200
   * @pattern ^[^\x00]*$ must not contain NUL characters
   */
  q?: string;
}
