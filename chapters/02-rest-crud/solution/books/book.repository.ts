import { randomUUID } from 'node:crypto';
import type { Slice } from '../lists/page';
import { compareBy, type SortKey } from '../lists/sort';
import type { Book, BookInput, BookPatch, BookSortField } from './book.types';

export interface BookListOptions {
  authorId?: string;
  q?: string;
  publishedFrom?: number;
  publishedTo?: number;
  sort: SortKey<BookSortField>[];
  limit: number;
  offset: number;
}

/** Where books are stored. Chapter 3 swaps the in-memory version for PostgreSQL behind the same interface. */
export interface BookRepository {
  create(input: BookInput): Promise<Book>;
  findById(id: string): Promise<Book | undefined>;
  findByIsbn(isbn: string): Promise<Book | undefined>;
  update(id: string, patch: BookPatch): Promise<Book | undefined>;
  delete(id: string): Promise<boolean>;
  countByAuthor(authorId: string): Promise<number>;
  list(options: BookListOptions): Promise<Slice<Book>>;
}

/** Keeps books in a Map. It hands out copies, so that callers cannot change what is stored. */
export class InMemoryBookRepository implements BookRepository {
  private readonly books = new Map<string, Book>();

  async create(input: BookInput): Promise<Book> {
    const now = new Date();
    const book: Book = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
    this.books.set(book.id, book);
    return structuredClone(book);
  }

  async findById(id: string): Promise<Book | undefined> {
    const book = this.books.get(id);
    return book && structuredClone(book);
  }

  async findByIsbn(isbn: string): Promise<Book | undefined> {
    const book = [...this.books.values()].find((candidate) => candidate.isbn === isbn);
    return book && structuredClone(book);
  }

  async update(id: string, patch: BookPatch): Promise<Book | undefined> {
    const book = this.books.get(id);
    if (!book) return undefined;
    Object.assign(book, patch, { updatedAt: new Date() });
    return structuredClone(book);
  }

  async delete(id: string): Promise<boolean> {
    return this.books.delete(id);
  }

  async countByAuthor(authorId: string): Promise<number> {
    return [...this.books.values()].filter((book) => book.authorId === authorId).length;
  }

  async list({
    authorId,
    q,
    publishedFrom,
    publishedTo,
    sort,
    limit,
    offset,
  }: BookListOptions): Promise<Slice<Book>> {
    // #exercise 2.5
    const needle = q?.toLowerCase();
    const matches = [...this.books.values()]
      .filter((book) => authorId === undefined || book.authorId === authorId)
      .filter((book) => needle === undefined || book.title.toLowerCase().includes(needle))
      .filter((book) => publishedFrom === undefined || book.publishedYear >= publishedFrom)
      .filter((book) => publishedTo === undefined || book.publishedYear <= publishedTo)
      .sort(compareBy(sort));
    return {
      items: structuredClone(matches.slice(offset, offset + limit)),
      total: matches.length,
      limit,
      offset,
    };
    // #end
  }
}
