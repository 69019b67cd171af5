import type { Slice, SortKey } from '@course/platform/lists';
import type { Book, BookInput, BookPatch, BookSortField } from './book.types';

export interface BookListOptions {
  authorId?: string;
  q?: string;
  tag?: string;
  publishedFrom?: number;
  publishedTo?: number;
  sort: SortKey<BookSortField>[];
  limit: number;
  offset: number;
}

/** What a list is filtered by. */
export type BookFilters = Omit<BookListOptions, 'sort' | 'limit' | 'offset'>;

/**
 * Where books are stored: chapter 2's interface, now with tags, and without findByIsbn() and countByAuthor(),
 * whose questions the database's unique index and foreign key now answer at the moment of the write.
 * Writes throw an AppError when they break a rule of the schema: BOOK_ISBN_TAKEN, or VALIDATION_FAILED for an
 * author that does not exist.
 */
export interface BookRepository {
  create(input: BookInput): Promise<Book>;
  findById(id: string): Promise<Book | undefined>;
  update(id: string, patch: BookPatch): Promise<Book | undefined>;
  delete(id: string): Promise<boolean>;
  list(options: BookListOptions): Promise<Slice<Book>>;
}
