import type { Logger } from '@course/platform/logging';
import { validationError } from '@course/platform/errors';
import { DEFAULT_LIMIT, parseSort, type Slice } from '@course/platform/lists';
import { isUuid } from '../database';
import { bookNotFound } from './book.errors';
import type { BookRepository } from './book.repository';
import {
  BOOK_SORT_FIELDS,
  type Book,
  type BookInput,
  type BookListQuery,
  type BookPatch,
} from './book.types';
import { isValidIsbn13 } from './isbn';

/** The ISBN's check digit is a rule that the schema cannot express; whether it is taken, the database says. */
function checkIsbn(isbn: string): void {
  if (!isValidIsbn13(isbn)) throw validationError('body.isbn', 'has a wrong check digit; is there a typo?');
}

function distinct(tags: string[] | undefined): string[] | undefined {
  return tags && [...new Set(tags)];
}

export class BookService {
  constructor(
    private readonly books: BookRepository,
    private readonly logger: Logger,
  ) {}

  async create(input: BookInput): Promise<Book> {
    checkIsbn(input.isbn);
    const book = await this.books.create({ ...input, tags: distinct(input.tags) });
    // The logger adds the id of the request being served: no need to pass it down.
    this.logger.info('book created', { bookId: book.id, isbn: book.isbn });
    return book;
  }

  async get(id: string): Promise<Book> {
    const book = isUuid(id) ? await this.books.findById(id) : undefined;
    if (!book) throw bookNotFound(id);
    return book;
  }

  async update(id: string, patch: BookPatch): Promise<Book> {
    if (patch.isbn !== undefined) checkIsbn(patch.isbn);
    const book = isUuid(id)
      ? await this.books.update(id, { ...patch, tags: distinct(patch.tags) })
      : undefined;
    if (!book) throw bookNotFound(id);
    return book;
  }

  async delete(id: string): Promise<void> {
    if (!isUuid(id) || !(await this.books.delete(id))) throw bookNotFound(id);
    this.logger.info('book deleted', { bookId: id });
  }

  async list(query: BookListQuery): Promise<Slice<Book>> {
    const { sort = 'createdAt', limit = DEFAULT_LIMIT, offset = 0, ...filters } = query;
    const { publishedFrom, publishedTo } = filters;
    if (publishedFrom !== undefined && publishedTo !== undefined && publishedFrom > publishedTo) {
      throw validationError('query.publishedFrom', 'must not be later than publishedTo');
    }
    return this.books.list({ ...filters, sort: parseSort(sort, BOOK_SORT_FIELDS), limit, offset });
  }
}
