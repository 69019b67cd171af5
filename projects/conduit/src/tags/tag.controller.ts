import type { Request as ExpressRequest } from 'express';
import { Controller, Get, Request, Route, Tags } from '@tsoa/runtime';
import { sendRepresentation } from '@course/platform/http';
import type { PublicReads } from '../cache/public-reads';
import type { TagService } from './tag.service';

@Route('tags')
@Tags('Tags')
export class TagController extends Controller {
  constructor(
    private readonly tags: TagService,
    private readonly publicReads: PublicReads,
  ) {
    super();
  }

  /** Every tag in use, the most used first. */
  @Get()
  async list(@Request() request: ExpressRequest): Promise<{ tags: string[] } | undefined> {
    // The same for every reader, so always cached; article writes retire it.
    const tags = await this.publicReads.read('tags', {}, async () => ({ tags: await this.tags.list() }));
    return sendRepresentation(request.res!, tags);
  }
}
