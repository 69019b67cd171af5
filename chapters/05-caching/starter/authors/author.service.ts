import { DEFAULT_LIMIT, parseSort, type Slice } from '@course/platform/lists';
import { isUuid } from '../database';
import { authorNotFound } from './author.errors';
import type { AuthorRepository } from './author.repository';
import {
  AUTHOR_SORT_FIELDS,
  type Author,
  type AuthorInput,
  type AuthorListQuery,
  type AuthorPatch,
} from './author.types';

export class AuthorService {
  constructor(private readonly authors: AuthorRepository) {}

  async create(input: AuthorInput): Promise<Author> {
    return this.authors.create(input);
  }

  async get(id: string): Promise<Author> {
    const author = isUuid(id) ? await this.authors.findById(id) : undefined;
    if (!author) throw authorNotFound(id);
    return author;
  }

  async update(id: string, patch: AuthorPatch): Promise<Author> {
    const author = isUuid(id) ? await this.authors.update(id, patch) : undefined;
    if (!author) throw authorNotFound(id);
    return author;
  }

  /** Deletes an author without books; the repository throws AUTHOR_HAS_BOOKS for one with books. */
  async delete(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.authors.delete(id))) throw authorNotFound(id);
  }

  async list({
    q,
    sort = 'createdAt',
    limit = DEFAULT_LIMIT,
    offset = 0,
  }: AuthorListQuery): Promise<Slice<Author>> {
    return this.authors.list({ q, sort: parseSort(sort, AUTHOR_SORT_FIELDS), limit, offset });
  }
}
