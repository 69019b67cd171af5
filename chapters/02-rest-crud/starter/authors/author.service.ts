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
    // #exercise 2.2: Authors: create, read, update, delete. Stuck? pnpm course hint 2.2
    throw new Error('Exercise 2.2 is not done yet: create()');
    // #end
  }

  async get(id: string): Promise<Author> {
    // #exercise 2.2: Authors: create, read, update, delete. Stuck? pnpm course hint 2.2
    throw new Error('Exercise 2.2 is not done yet: get()');
    // #end
  }

  async update(id: string, patch: AuthorPatch): Promise<Author> {
    // #exercise 2.2: Authors: create, read, update, delete. Stuck? pnpm course hint 2.2
    throw new Error('Exercise 2.2 is not done yet: update()');
    // #end
  }

  async delete(id: string): Promise<void> {
    // #exercise 2.6: Rules between authors and books. Stuck? pnpm course hint 2.6
    // #end
    // #exercise 2.2: Authors: create, read, update, delete. Stuck? pnpm course hint 2.2
    throw new Error('Exercise 2.2 is not done yet: delete()');
    // #end
  }

  async list({
    q,
    sort = 'createdAt',
    limit = DEFAULT_LIMIT,
    offset = 0,
  }: AuthorListQuery): Promise<Slice<Author>> {
    // #exercise 2.5: Pagination, filtering and sorting. Stuck? pnpm course hint 2.5
    throw new Error('Exercise 2.5 is not done yet: list()');
    // #end
  }
}
