import type { Slice } from '@course/platform/lists';
import type { Author as AuthorRow, Prisma, PrismaClient } from '../generated/prisma/client';
import { escapeLike, isRecordNotFound, prismaConstraintViolation } from '../database';
import { authorHasBooks } from './author.errors';
import type { AuthorListOptions, AuthorRepository } from './author.repository';
import type { Author, AuthorInput, AuthorPatch, AuthorSortField } from './author.types';

type OrderBy = (direction: Prisma.SortOrder) => Prisma.AuthorOrderByWithRelationInput;

const ORDER_BY: Record<AuthorSortField, OrderBy> = {
  name: (direction) => ({ name: direction }),
  createdAt: (direction) => ({ createdAt: direction }),
};

/** A plain Author: a missing bio is left out, as the API has always sent it, rather than sent as null. */
function toAuthor({ id, name, bio, createdAt, updatedAt }: AuthorRow): Author {
  return { id, name, ...(bio !== null && { bio }), createdAt, updatedAt };
}

export class PrismaAuthorRepository implements AuthorRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: AuthorInput): Promise<Author> {
    return toAuthor(await this.prisma.author.create({ data: input }));
  }

  async findById(id: string): Promise<Author | undefined> {
    const row = await this.prisma.author.findUnique({ where: { id } });
    return row ? toAuthor(row) : undefined;
  }

  async update(id: string, patch: AuthorPatch): Promise<Author | undefined> {
    try {
      return toAuthor(
        await this.prisma.author.update({ where: { id }, data: { ...patch, updatedAt: new Date() } }),
      );
    } catch (error) {
      if (isRecordNotFound(error)) return undefined;
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    try {
      const { count } = await this.prisma.author.deleteMany({ where: { id } });
      return count > 0;
    } catch (error) {
      // books.author_id is ON DELETE RESTRICT: the database refuses, whoever added a book a moment ago.
      if (prismaConstraintViolation(error)?.constraint === 'books_author_id_fkey') {
        throw authorHasBooks(id, error);
      }
      throw error;
    }
  }

  async list({ q, sort, limit, offset }: AuthorListOptions): Promise<Slice<Author>> {
    const where: Prisma.AuthorWhereInput = {
      name: q === undefined ? undefined : { contains: escapeLike(q), mode: 'insensitive' },
    };
    const [rows, total] = await Promise.all([
      this.prisma.author.findMany({
        where,
        orderBy: [...sort.map(({ field, direction }) => ORDER_BY[field](direction)), { id: 'asc' }],
        skip: offset,
        take: limit,
      }),
      this.prisma.author.count({ where }),
    ]);
    return { items: rows.map(toAuthor), total, limit, offset };
  }
}
