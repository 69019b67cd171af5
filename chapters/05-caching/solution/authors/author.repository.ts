import type { Slice, SortKey } from '@course/platform/lists';
import type { Author, AuthorInput, AuthorPatch, AuthorSortField } from './author.types';

export interface AuthorListOptions {
  q?: string;
  sort: SortKey<AuthorSortField>[];
  limit: number;
  offset: number;
}

/**
 * Where authors are stored: chapter 2's interface, now backed by PostgreSQL. delete() throws AUTHOR_HAS_BOOKS
 * when the author still has books, which the database's foreign key reports.
 */
export interface AuthorRepository {
  create(input: AuthorInput): Promise<Author>;
  findById(id: string): Promise<Author | undefined>;
  update(id: string, patch: AuthorPatch): Promise<Author | undefined>;
  delete(id: string): Promise<boolean>;
  list(options: AuthorListOptions): Promise<Slice<Author>>;
}
