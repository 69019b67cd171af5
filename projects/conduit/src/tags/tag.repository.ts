import type { PrismaClient } from '../database/prisma';

/** The tags in use. */
export interface TagRepository {
  /** Every tag that at least one article carries, the most used first. */
  listInUse(): Promise<string[]>;
}

export class PrismaTagRepository implements TagRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async listInUse(): Promise<string[]> {
    const tags = await this.prisma.tag.findMany({
      where: { articles: { some: {} } },
      select: { name: true },
      orderBy: [{ articles: { _count: 'desc' } }, { name: 'asc' }],
    });
    return tags.map((tag) => tag.name);
  }
}
