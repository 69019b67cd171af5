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
import type { BookService } from './book.service';
import type { Book, BookInput, BookListQuery, BookPatch } from './book.types';

@Route('books')
@Tags('Books')
export class BookController extends Controller {
  constructor(private readonly books: BookService) {
    super();
  }

  /**
   * Lists books that match every given filter, oldest first unless `sort` says otherwise.
   * Sort fields: title, publishedYear, priceCents, createdAt.
   */
  @Get()
  @Security('bearer', ['books:read'])
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:read', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async listBooks(
    @Request() request: ExpressRequest,
    @Queries() query: BookListQuery,
  ): Promise<Page<Book>> {
    return toPage(await this.books.list(query), request);
  }

  @Post()
  @SuccessResponse<{ Location: string }>(201, 'Created')
  @Security('bearer', ['books:write'])
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:write', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(409, 'Another book has this ISBN', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async createBook(@Body() body: BookInput): Promise<Book> {
    const book = await this.books.create(body);
    this.setHeader('Location', `${API_BASE}/books/${book.id}`);
    return book;
  }

  @Get('{bookId}')
  @Security('bearer', ['books:read'])
  @Response<ProblemDetails>(400, 'Bad request: a malformed path', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:read', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Book not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async getBook(@Path() bookId: string): Promise<Book> {
    return this.books.get(bookId);
  }

  /** Changes some fields of a book; send only the fields to change. */
  @Patch('{bookId}')
  @Security('bearer', ['books:write'])
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:write', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Book not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(409, 'Another book has this ISBN', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(413, 'Payload too large', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async updateBook(@Path() bookId: string, @Body() body: BookPatch): Promise<Book> {
    return this.books.update(bookId, body);
  }

  @Delete('{bookId}')
  @SuccessResponse(204, 'Deleted')
  @Security('bearer', ['books:delete'])
  @Response<ProblemDetails>(400, 'Bad request: a malformed path', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(401, 'Authentication required', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(403, 'Needs the permission books:delete', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(404, 'Book not found', undefined, PROBLEM_JSON)
  @Response<ProblemDetails>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async deleteBook(@Path() bookId: string): Promise<void> {
    await this.books.delete(bookId);
  }
}
