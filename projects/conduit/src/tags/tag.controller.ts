import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import type { TagService } from './tag.service';

@Route('tags')
@Tags('Tags')
export class TagController extends Controller {
  constructor(private readonly tags: TagService) {
    super();
  }

  /** Every tag in use, the most used first. */
  @Get()
  async list(): Promise<{ tags: string[] }> {
    return { tags: await this.tags.list() };
  }
}
