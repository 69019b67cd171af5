import { AppError } from '../errors/app-error';
import type { BookRepository } from '../books/book.repository';
import { DEFAULT_LIMIT, type Slice } from '../lists/page';
import { parseSort } from '../lists/sort';
import type { AuthorRepository } from './author.repository';
import {
  AUTHOR_SORT_FIELDS,
  type Author,
  type AuthorInput,
  type AuthorListQuery,
  type AuthorPatch,
} from './author.types';

function authorNotFound(id: string): AppError {
  return new AppError({ code: 'AUTHOR_NOT_FOUND', message: `No author has id ${id}.` });
}

export class AuthorService {
  constructor(
    private readonly authors: AuthorRepository,
    private readonly books: BookRepository,
  ) {}

  async create(input: AuthorInput): Promise<Author> {
    return this.authors.create(input);
  }

  async get(id: string): Promise<Author> {
    const author = await this.authors.findById(id);
    if (!author) throw authorNotFound(id);
    return author;
  }

  async update(id: string, patch: AuthorPatch): Promise<Author> {
    const author = await this.authors.update(id, patch);
    if (!author) throw authorNotFound(id);
    return author;
  }

  async delete(id: string): Promise<void> {
    if ((await this.books.countByAuthor(id)) > 0) {
      throw new AppError({
        code: 'AUTHOR_HAS_BOOKS',
        message: `Author ${id} still has books; delete or move them first.`,
      });
    }
    if (!(await this.authors.delete(id))) throw authorNotFound(id);
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
