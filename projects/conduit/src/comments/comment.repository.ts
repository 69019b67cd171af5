import { isRecordNotFound, prismaConstraintViolation } from '@course/platform/database';
import type { PrismaClient } from '../database/prisma';
import { PROFILE_SELECT, toProfile } from '../profiles/profile.repository';
import type { CommentOwner, CommentRecord } from './comment.types';

/** Where comments are stored. */
export interface CommentRepository {
  /** Undefined when the article was deleted in the meantime. */
  create(articleId: number, authorId: number, body: string): Promise<CommentRecord | undefined>;
  /** Newest first, with each author's profile as the viewer sees it. */
  listByArticle(articleId: number, viewerId?: number): Promise<CommentRecord[]>;
  findOwner(id: number): Promise<CommentOwner | undefined>;
  delete(id: number): Promise<boolean>;
}

function commentSelect(viewerId: number | undefined) {
  return {
    id: true,
    body: true,
    createdAt: true,
    updatedAt: true,
    author: { select: PROFILE_SELECT(viewerId) },
  } as const;
}

export class PrismaCommentRepository implements CommentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(articleId: number, authorId: number, body: string): Promise<CommentRecord | undefined> {
    try {
      const row = await this.prisma.comment.create({
        data: { articleId, authorId, body },
        select: commentSelect(authorId),
      });
      return { ...row, author: toProfile(row.author) };
    } catch (error) {
      if (prismaConstraintViolation(error)?.kind === 'foreign-key' || isRecordNotFound(error))
        return undefined;
      throw error;
    }
  }

  async listByArticle(articleId: number, viewerId?: number): Promise<CommentRecord[]> {
    const rows = await this.prisma.comment.findMany({
      where: { articleId },
      select: commentSelect(viewerId),
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return rows.map((row) => ({ ...row, author: toProfile(row.author) }));
  }

  async findOwner(id: number): Promise<CommentOwner | undefined> {
    const row = await this.prisma.comment.findUnique({
      where: { id },
      select: { id: true, articleId: true, authorId: true },
    });
    return row ?? undefined;
  }

  async delete(id: number): Promise<boolean> {
    const { count } = await this.prisma.comment.deleteMany({ where: { id } });
    return count > 0;
  }
}
