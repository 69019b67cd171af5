import type { PrismaClient } from '../db/prisma';
import { isUuid } from '../db/uuid';
import type { Author as AuthorRow } from '../generated/prisma/client';
import type { Slice } from '../lists/page';
import type { SortKey } from '../lists/sort';
import type { Author, AuthorInput, AuthorPatch, AuthorSortField } from './author.types';

export interface AuthorListOptions {
  q?: string;
  sort: SortKey<AuthorSortField>[];
  limit: number;
  offset: number;
}

/** Where authors are stored. */
export interface AuthorRepository {
  create(input: AuthorInput): Promise<Author>;
  findById(id: string): Promise<Author | undefined>;
  update(id: string, patch: AuthorPatch): Promise<Author | undefined>;
  delete(id: string): Promise<boolean>;
  list(options: AuthorListOptions): Promise<Slice<Author>>;
}

function toAuthor({ id, name, bio, createdAt, updatedAt }: AuthorRow): Author {
  return { id, name, ...(bio !== null && { bio }), createdAt, updatedAt };
}

/** Keeps authors in PostgreSQL, and hands out plain objects, so that no Prisma type leaks above this file. */
export class PrismaAuthorRepository implements AuthorRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create({ name, bio }: AuthorInput): Promise<Author> {
    return toAuthor(await this.prisma.author.create({ data: { name, bio } }));
  }

  async findById(id: string): Promise<Author | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.prisma.author.findUnique({ where: { id } });
    return row ? toAuthor(row) : undefined;
  }

  async update(id: string, { name, bio }: AuthorPatch): Promise<Author | undefined> {
    if (!isUuid(id)) return undefined;
    // For Prisma, `undefined` leaves a column alone and `null` clears it: what a merge patch means.
    const { count } = await this.prisma.author.updateMany({ where: { id }, data: { name, bio } });
    return count === 0 ? undefined : this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const { count } = await this.prisma.author.deleteMany({ where: { id } });
    return count > 0;
  }

  async list({ q, sort, limit, offset }: AuthorListOptions): Promise<Slice<Author>> {
    const where = q === undefined ? {} : { name: { contains: q, mode: 'insensitive' as const } };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.author.findMany({
        where,
        // The id breaks ties, so that pages never overlap or skip rows with equal sort values.
        orderBy: [...sort.map(({ field, direction }) => ({ [field]: direction })), { id: 'asc' as const }],
        skip: offset,
        take: limit,
      }),
      this.prisma.author.count({ where }),
    ]);
    return { items: rows.map(toAuthor), total, limit, offset };
  }
}
