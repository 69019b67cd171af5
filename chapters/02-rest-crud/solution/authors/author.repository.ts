import { randomUUID } from 'node:crypto';
import type { Slice } from '../lists/page';
import { compareBy, type SortKey } from '../lists/sort';
import type { Author, AuthorInput, AuthorPatch, AuthorSortField } from './author.types';

export interface AuthorListOptions {
  q?: string;
  sort: SortKey<AuthorSortField>[];
  limit: number;
  offset: number;
}

/** Where authors are stored. Chapter 3 swaps the in-memory version for PostgreSQL behind the same interface. */
export interface AuthorRepository {
  create(input: AuthorInput): Promise<Author>;
  findById(id: string): Promise<Author | undefined>;
  update(id: string, patch: AuthorPatch): Promise<Author | undefined>;
  delete(id: string): Promise<boolean>;
  list(options: AuthorListOptions): Promise<Slice<Author>>;
}

/** Keeps authors in a Map. It hands out copies, so that callers cannot change what is stored. */
export class InMemoryAuthorRepository implements AuthorRepository {
  private readonly authors = new Map<string, Author>();

  async create({ name, bio }: AuthorInput): Promise<Author> {
    const now = new Date();
    const author: Author = {
      id: randomUUID(),
      name,
      ...(bio !== undefined && { bio }),
      createdAt: now,
      updatedAt: now,
    };
    this.authors.set(author.id, author);
    return structuredClone(author);
  }

  async findById(id: string): Promise<Author | undefined> {
    const author = this.authors.get(id);
    return author && structuredClone(author);
  }

  async update(id: string, { name, bio }: AuthorPatch): Promise<Author | undefined> {
    const author = this.authors.get(id);
    if (!author) return undefined;
    if (name !== undefined) author.name = name;
    if (bio === null) delete author.bio;
    else if (bio !== undefined) author.bio = bio;
    author.updatedAt = new Date();
    return structuredClone(author);
  }

  async delete(id: string): Promise<boolean> {
    return this.authors.delete(id);
  }

  async list({ q, sort, limit, offset }: AuthorListOptions): Promise<Slice<Author>> {
    // #exercise 2.5
    const needle = q?.toLowerCase();
    const matches = [...this.authors.values()]
      .filter((author) => needle === undefined || author.name.toLowerCase().includes(needle))
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
