import {
  Body,
  Controller,
  Delete,
  Get,
  Patch,
  Path,
  Post,
  Queries,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { Request as ExpressRequest } from 'express';
import { PROBLEM_JSON, type ProblemDetails } from '@course/platform/errors';
import { toPage, type Page } from '@course/platform/lists';
import { API_BASE } from '../http/paths';
import type { AuthorService } from './author.service';
import type { Author, AuthorInput, AuthorListQuery, AuthorPatch } from './author.types';

@Route('authors')
@Tags('Authors')
export class AuthorController extends Controller {
  constructor(private readonly authors: AuthorService) {
    super();
  }

  /** Lists authors, oldest first unless `sort` says otherwise. Sort fields: name, createdAt. */
  @Get()
  @Security('bearer', ['authors:read'])
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission authors:read', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async listAuthors(
    @Request() request: ExpressRequest,
    @Queries() query: AuthorListQuery,
  ): Promise<Page<Author>> {
    return toPage(await this.authors.list(query), request);
  }

  @Post()
  @SuccessResponse<{ Location: string }>(201, 'Created')
  @Security('bearer', ['authors:write'])
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission authors:write', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async createAuthor(@Body() body: AuthorInput): Promise<Author> {
    const author = await this.authors.create(body);
    this.setHeader('Location', `${API_BASE}/authors/${author.id}`);
    return author;
  }

  @Get('{authorId}')
  @Security('bearer', ['authors:read'])
  @Response<ProblemDetails>(400, 'Bad request: a malformed path', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission authors:read', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Author not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async getAuthor(@Path() authorId: string): Promise<Author> {
    return this.authors.get(authorId);
  }

  /** Changes some fields of an author; send only the fields to change. */
  @Patch('{authorId}')
  @Security('bearer', ['authors:write'])
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission authors:write', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Author not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async updateAuthor(@Path() authorId: string, @Body() body: AuthorPatch): Promise<Author> {
    return this.authors.update(authorId, body);
  }

  /** Deletes an author who has no books left. */
  @Delete('{authorId}')
  @SuccessResponse(204, 'Deleted')
  @Security('bearer', ['authors:delete'])
  @Response<ProblemDetails>(400, 'Bad request: a malformed path', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission authors:delete', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Author not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(409, 'The author still has books', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async deleteAuthor(@Path() authorId: string): Promise<void> {
    await this.authors.delete(authorId);
  }
}
