import type { PageQuery } from '../lists/page';

export interface Book {
  /** A UUID, assigned by the server. */
  id: string;
  title: string;
  isbn: string;
  authorId: string;
  /** @isInt */
  publishedYear: number;
  /**
   * The price in cents.
   * @isInt
   */
  priceCents: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface BookInput {
  /**
   * @minLength 1
   * @maxLength 300
   * @pattern ^[^\x00]*[^\x00\s][^\x00]*$ must contain a character other than spaces, and no NUL character
   * @example "The Left Hand of Darkness"
   */
  title: string;
  /**
   * An ISBN-13: 13 digits without hyphens. The last digit is a check digit, and it must be right.
   * @pattern ^97[89][0-9]{10}$
   * @example "9780441478125"
   */
  isbn: string;
  /**
   * The id of an existing author.
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  authorId: string;
  /**
   * @isInt
   * @minimum 1450
   * @maximum 2100
   * @example 1969
   */
  publishedYear: number;
  /**
   * The price in cents, so that money never meets floating-point rounding.
   * @isInt
   * @minimum 0
   * @maximum 100000000
   * @example 1299
   */
  priceCents: number;
}

/** A JSON merge patch (RFC 7396): the fields to change, with the rules of BookInput; absent fields stay as they are. */
export interface BookPatch {
  /**
   * @minLength 1
   * @maxLength 300
   * @pattern ^[^\x00]*[^\x00\s][^\x00]*$ must contain a character other than spaces, and no NUL character
   */
  title?: string;
  /** @pattern ^97[89][0-9]{10}$ */
  isbn?: string;
  /** @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ */
  authorId?: string;
  /**
   * @isInt
   * @minimum 1450
   * @maximum 2100
   */
  publishedYear?: number;
  /**
   * @isInt
   * @minimum 0
   * @maximum 100000000
   */
  priceCents?: number;
}

export const BOOK_SORT_FIELDS = ['title', 'publishedYear', 'priceCents', 'createdAt'] as const;
export type BookSortField = (typeof BOOK_SORT_FIELDS)[number];

export interface BookListQuery extends PageQuery {
  /**
   * Only books by this author.
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  authorId?: string;
  /**
   * Only books whose title contains this text, ignoring case.
   * @maxLength 200
   * @pattern ^[^\x00]*$ must not contain NUL characters
   */
  q?: string;
  /**
   * Only books published in this year or later.
   * @isInt
   * @minimum -2147483648
   * @maximum 2147483647
   */
  publishedFrom?: number;
  /**
   * Only books published in this year or earlier.
   * @isInt
   * @minimum -2147483648
   * @maximum 2147483647
   */
  publishedTo?: number;
}
