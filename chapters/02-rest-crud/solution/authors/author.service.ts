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
    // #exercise 2.2
    return this.authors.create(input);
    // #end
  }

  async get(id: string): Promise<Author> {
    // #exercise 2.2
    const author = await this.authors.findById(id);
    if (!author) throw authorNotFound(id);
    return author;
    // #end
  }

  async update(id: string, patch: AuthorPatch): Promise<Author> {
    // #exercise 2.2
    const author = await this.authors.update(id, patch);
    if (!author) throw authorNotFound(id);
    return author;
    // #end
  }

  async delete(id: string): Promise<void> {
    // #exercise 2.6
    if ((await this.books.countByAuthor(id)) > 0) {
      throw new AppError({
        code: 'AUTHOR_HAS_BOOKS',
        message: `Author ${id} still has books; delete or move them first.`,
      });
    }
    // #starter
    // #end
    // #exercise 2.2
    if (!(await this.authors.delete(id))) throw authorNotFound(id);
    // #end
  }

  async list({
    q,
    sort = 'createdAt',
    limit = DEFAULT_LIMIT,
    offset = 0,
  }: AuthorListQuery): Promise<Slice<Author>> {
    // #exercise 2.5
    return this.authors.list({ q, sort: parseSort(sort, AUTHOR_SORT_FIELDS), limit, offset });
    // #end
  }
}
