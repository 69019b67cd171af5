import type { TagRepository } from './tag.repository';

export class TagService {
  constructor(private readonly tags: TagRepository) {}

  /** Every tag in use, the most used first. */
  list(): Promise<string[]> {
    return this.tags.listInUse();
  }
}
