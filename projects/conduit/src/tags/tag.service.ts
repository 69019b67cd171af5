import type { TagRepository } from './tag.repository';

export class TagService {
  constructor(private readonly tags: TagRepository) {}

  list(): Promise<string[]> {
    return this.tags.listInUse();
  }
}
