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
    await this.checkIsbn(input.isbn);
    return this.books.create(input);
  }

  async get(id: string): Promise<Book> {
    const book = await this.books.findById(id);
    if (!book) throw bookNotFound(id);
    return book;
  }

  async update(id: string, patch: BookPatch): Promise<Book> {
    if (patch.authorId !== undefined) await this.checkAuthor(patch.authorId);
    const book = await this.books.findById(id);
    if (!book) throw bookNotFound(id);
    if (patch.isbn !== undefined && patch.isbn !== book.isbn) await this.checkIsbn(patch.isbn);
    const updated = await this.books.update(id, patch);
    if (!updated) throw bookNotFound(id);
    return updated;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.books.delete(id))) throw bookNotFound(id);
  }

  async list(query: BookListQuery): Promise<Slice<Book>> {
    const { sort = 'createdAt', limit = DEFAULT_LIMIT, offset = 0, ...filters } = query;
    const { publishedFrom, publishedTo } = filters;
    if (publishedFrom !== undefined && publishedTo !== undefined && publishedFrom > publishedTo) {
      throw validationError('query.publishedFrom', 'must not be later than publishedTo');
    }
    return this.books.list({ ...filters, sort: parseSort(sort, BOOK_SORT_FIELDS), limit, offset });
  }

  /** A book's ISBN must pass its check digit and belong to no other book. */
  private async checkIsbn(isbn: string): Promise<void> {
    if (!isValidIsbn13(isbn)) throw validationError('body.isbn', 'has a wrong check digit; is there a typo?');
    if (await this.books.findByIsbn(isbn)) {
      throw new AppError({ code: 'BOOK_ISBN_TAKEN', message: `Another book already has ISBN ${isbn}.` });
    }
  }

  /** A book's author must exist. A missing author is a 422: the request is well-formed but refers to nothing. */
  private async checkAuthor(authorId: string): Promise<void> {
    if (!(await this.authors.findById(authorId))) {
      throw validationError('body.authorId', `no author has id ${authorId}`);
    }
  }
}
