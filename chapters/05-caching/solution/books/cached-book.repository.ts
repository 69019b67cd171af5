import { parseUuid } from '@course/platform/database';
import type { Slice } from '@course/platform/lists';
import type { CacheAside } from '../cache/cache-aside';
import { BOOK_LISTS, bookKey, listKey } from '../cache/cache-keys';

/** What the cache needs of a book: an id, and the dates that JSON turns into strings. */
export interface CacheableBook {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The part of a book repository that the cache wraps; chapter 4's book repository is one. */
export interface BookStore<B extends CacheableBook, I, P, L extends object> {
  create(input: I): Promise<B>;
  findById(id: string): Promise<B | undefined>;
  update(id: string, patch: P): Promise<B | undefined>;
  delete(id: string): Promise<boolean>;
  list(options: L): Promise<Slice<B>>;
}

export interface BookCacheTtls {
  bookMs: number;
  /** A "no such book" is cached briefly: long enough to absorb a loop, short enough that a new book shows soon. */
  notFoundMs: number;
  listMs: number;
}

/**
 * Cache-aside around a book repository, as a decorator: the wrapped repository stays exactly as chapter 4 wrote
 * it. Reads go through the cache; every write goes to the database first and invalidates after it returns.
 */
export class CachedBookRepository<B extends CacheableBook, I, P, L extends object> implements BookStore<
  B,
  I,
  P,
  L
> {
  constructor(
    private readonly books: BookStore<B, I, P, L>,
    private readonly cache: CacheAside,
    private readonly ttls: BookCacheTtls,
  ) {}

  async findById(id: string): Promise<B | undefined> {
    // #exercise 5.3
    // Not a UUID: no book can have that id, and the raw input must not become a key.
    const uuid = parseUuid(id);
    if (uuid === undefined) return this.books.findById(id);
    const cached = await this.cache.read(
      bookKey(uuid),
      async () => (await this.books.findById(uuid)) ?? null,
      (book) => (book === null ? this.ttls.notFoundMs : this.ttls.bookMs),
    );
    return cached === null ? undefined : revive(cached);
    // #starter
    // return this.books.findById(id);
    // #end
  }

  async list(options: L): Promise<Slice<B>> {
    // #exercise 5.3
    const version = await this.cache.version(BOOK_LISTS);
    const page = await this.cache.read(
      listKey(BOOK_LISTS, version, options),
      () => this.books.list(options),
      this.ttls.listMs,
    );
    return { ...page, items: page.items.map(revive) };
    // #starter
    // return this.books.list(options);
    // #end
  }

  async create(input: I): Promise<B> {
    const book = await this.books.create(input);
    await this.written();
    return book;
  }

  async update(id: string, patch: P): Promise<B | undefined> {
    const book = await this.books.update(id, patch);
    if (book !== undefined) await this.written(book.id);
    return book;
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.books.delete(id);
    if (deleted) await this.written(id);
    return deleted;
  }

  /** Called after the write has committed: the book's own key, and every list page at once. */
  private async written(id?: string): Promise<void> {
    // #exercise 5.3
    const uuid = id === undefined ? undefined : parseUuid(id);
    await Promise.all([
      uuid === undefined ? undefined : this.cache.invalidate(bookKey(uuid)),
      this.cache.invalidate(BOOK_LISTS),
    ]);
    // #starter
    // #end
  }
}

/** JSON has no dates: a cached book comes back with ISO strings, which become Dates again here. */
function revive<B extends CacheableBook>(book: B): B {
  return { ...book, createdAt: new Date(book.createdAt), updatedAt: new Date(book.updatedAt) };
}
