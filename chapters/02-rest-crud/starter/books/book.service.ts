import type { AuthorRepository } from '../authors/author.repository';
import { AppError, validationError } from '../errors/app-error';
import { DEFAULT_LIMIT, type Slice } from '../lists/page';
import { parseSort } from '../lists/sort';
import type { BookRepository } from './book.repository';
import {
  BOOK_SORT_FIELDS,
  type Book,
  type BookInput,
  type BookListQuery,
  type BookPatch,
} from './book.types';
import { isValidIsbn13 } from './isbn';

function bookNotFound(id: string): AppError {
  return new AppError({ code: 'BOOK_NOT_FOUND', message: `No book has id ${id}.` });
}

export class BookService {
  constructor(
    private readonly books: BookRepository,
    private readonly authors: AuthorRepository,
  ) {}

  async create(input: BookInput): Promise<Book> {
    await this.checkAuthor(input.authorId);
    // #exercise 2.3: Create and read books. Stuck? pnpm course hint 2.3
    throw new Error('Exercise 2.3 is not done yet: create()');
    // #end
  }

  async get(id: string): Promise<Book> {
    // #exercise 2.3: Create and read books. Stuck? pnpm course hint 2.3
    throw new Error('Exercise 2.3 is not done yet: get()');
    // #end
  }

  async update(id: string, patch: BookPatch): Promise<Book> {
    if (patch.authorId !== undefined) await this.checkAuthor(patch.authorId);
    // #exercise 2.4: Update and delete books. Stuck? pnpm course hint 2.4
    throw new Error('Exercise 2.4 is not done yet: update()');
    // #end
  }

  async delete(id: string): Promise<void> {
    // #exercise 2.4: Update and delete books. Stuck? pnpm course hint 2.4
    throw new Error('Exercise 2.4 is not done yet: delete()');
    // #end
  }

  async list(query: BookListQuery): Promise<Slice<Book>> {
    // #exercise 2.5: Pagination, filtering and sorting. Stuck? pnpm course hint 2.5
    throw new Error('Exercise 2.5 is not done yet: list()');
    // #end
  }

  /** A book's ISBN must pass its check digit and belong to no other book. */
  private async checkIsbn(isbn: string): Promise<void> {
    // #exercise 2.3: Create and read books. Stuck? pnpm course hint 2.3
    throw new Error('Exercise 2.3 is not done yet: checkIsbn()');
    // #end
  }

  /** A book's author must exist. A missing author is a 422: the request is well-formed but refers to nothing. */
  private async checkAuthor(authorId: string): Promise<void> {
    // #exercise 2.6: Rules between authors and books. Stuck? pnpm course hint 2.6
    // #end
  }
}
