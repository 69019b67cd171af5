import type { Request as ExpressRequest } from 'express';
import {
  Body,
  Controller,
  Delete,
  Get,
  Path,
  Post,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import { optionalViewer, viewerOf } from '../auth/viewer';
import type { SpecErrors } from '../errors/spec-errors';
import type { CommentService } from './comment.service';
import type { Comment } from './comment.view';

interface NewCommentBody {
  /** @minLength 1 @maxLength 10000 */
  body: string;
}

@Route('articles/{slug}/comments')
@Tags('Comments')
@Response<SpecErrors>(404, 'No such article')
export class CommentController extends Controller {
  constructor(private readonly comments: CommentService) {
    super();
  }

  /** The comments on an article, newest first. */
  @Get()
  @Response<SpecErrors>(401, 'Invalid token')
  async list(@Path() slug: string, @Request() request: ExpressRequest): Promise<{ comments: Comment[] }> {
    return { comments: await this.comments.list(slug, (await optionalViewer(request))?.id) };
  }

  /** Comments on an article. */
  @Post()
  @Security('Token')
  @SuccessResponse(201, 'Created')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(422, 'Invalid fields')
  async create(
    @Path() slug: string,
    @Request() request: ExpressRequest,
    @Body() body: { comment: NewCommentBody },
  ): Promise<{ comment: Comment }> {
    const comment = await this.comments.create(slug, viewerOf(request).id, body.comment.body);
    this.setStatus(201);
    return { comment };
  }

  /**
   * Deletes your comment.
   * @isInt id must be an integer
   * @minimum id 1
   * @maximum id 2147483647
   */
  @Delete('{id}')
  @Security('Token')
  @SuccessResponse(204, 'Deleted')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(403, 'Not your comment')
  @Response<SpecErrors>(422, 'Invalid id')
  async delete(@Path() slug: string, @Path() id: number, @Request() request: ExpressRequest): Promise<void> {
    await this.comments.delete(slug, id, viewerOf(request).id);
    this.setStatus(204);
  }
}
