import { UNCACHED, type PublicReads } from '../cache/public-reads';
import type { TagRepository } from './tag.repository';

export class TagService {
  constructor(
    private readonly tags: TagRepository,
    private readonly publicReads: PublicReads = UNCACHED,
  ) {}

  /** The same for every reader, so always cached; article writes retire it. */
  list(): Promise<string[]> {
    return this.publicReads.read('tags', {}, () => this.tags.listInUse());
  }
}
