import type { PageQuery, SortQuery } from '@course/platform/lists';

/** Who wrote a book: enough to show it in a list without a request per book. */
export interface AuthorSummary {
  id: string;
  name: string;
}

export interface Book {
  /** A UUID, assigned by the server. */
  id: string;
  title: string;
  isbn: string;
  authorId: string;
  author: AuthorSummary;
  /** @isInt */
  publishedYear: number;
  /**
   * The price in cents.
   * @isInt
   */
  priceCents: number;
  /** The book's tags, in alphabetical order. */
  tags: string[];
  /** @isInt */
  reviewCount: number;
  /** The average rating of the book's reviews, rounded to two decimals; null until the first review. */
  averageRating: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A tag: lowercase words of letters and digits joined by hyphens.
 * @pattern ^[a-z0-9]+(-[a-z0-9]+)*$
 * @maxLength 30
 * @example "science-fiction"
 */
export type TagName = string;

export interface BookInput {
  /**
   * @minLength 1
   * @maxLength 300
   * @pattern \S
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
  /**
   * Tags that do not exist yet are created. Repeated tags count once.
   * @maxItems 10
   */
  tags?: TagName[];
}

/** A JSON merge patch (RFC 7396): the fields to change, with the rules of BookInput; absent fields stay as they are. */
export interface BookPatch {
  /**
   * @minLength 1
   * @maxLength 300
   * @pattern \S
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
  /**
   * The book's new tags, replacing all of its current ones; `[]` removes them all.
   * @maxItems 10
   */
  tags?: TagName[];
}

export const BOOK_SORT_FIELDS = ['title', 'publishedYear', 'priceCents', 'createdAt'] as const;
export type BookSortField = (typeof BOOK_SORT_FIELDS)[number];

export interface BookListQuery extends PageQuery, SortQuery {
  /**
   * Only books by this author.
   * @pattern ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$
   */
  authorId?: string;
  /**
   * Only books whose title contains this text, ignoring case.
   * @maxLength 200
   */
  q?: string;
  /** Only books with this tag. */
  tag?: TagName;
  /**
   * Only books published in this year or later.
   * @isInt
   */
  publishedFrom?: number;
  /**
   * Only books published in this year or earlier.
   * @isInt
   */
  publishedTo?: number;
}
