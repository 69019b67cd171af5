import type { Slice } from '@course/platform/lists';
import type { PrismaClient, Review as ReviewRow } from '../generated/prisma/client';
import { prismaConstraintViolation } from '../database';
import { reviewExists } from './review.errors';
import type { ReviewListOptions, ReviewRepository } from './review.repository';
import type { Review, ReviewInput } from './review.types';

function toReview({ id, bookId, reviewer, rating, body, createdAt }: ReviewRow): Review {
  return { id, bookId, reviewer, rating, ...(body !== null && { body }), createdAt };
}

export class PrismaReviewRepository implements ReviewRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async add(bookId: string, input: ReviewInput): Promise<Review | undefined> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        // An increment is computed by PostgreSQL from the row as it is when the UPDATE runs, and the row stays
        // locked until COMMIT, so concurrent reviews of one book queue up instead of overwriting each other.
        const { count } = await tx.book.updateMany({
          where: { id: bookId },
          data: { reviewCount: { increment: 1 }, ratingSum: { increment: input.rating } },
        });
        if (count === 0) return undefined;
        return toReview(await tx.review.create({ data: { bookId, ...input } }));
      });
    } catch (error) {
      if (prismaConstraintViolation(error)?.constraint === 'reviews_book_id_reviewer_key') {
        throw reviewExists(bookId, input.reviewer, error);
      }
      throw error;
    }
  }

  async findById(bookId: string, reviewId: string): Promise<Review | undefined> {
    const row = await this.prisma.review.findFirst({ where: { id: reviewId, bookId } });
    return row ? toReview(row) : undefined;
  }

  async list(bookId: string, { limit, offset }: ReviewListOptions): Promise<Slice<Review> | undefined> {
    const book = await this.prisma.book.findUnique({ where: { id: bookId }, select: { id: true } });
    if (!book) return undefined;
    const [rows, total] = await Promise.all([
      this.prisma.review.findMany({
        where: { bookId },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: offset,
        take: limit,
      }),
      this.prisma.review.count({ where: { bookId } }),
    ]);
    return { items: rows.map(toReview), total, limit, offset };
  }
}
