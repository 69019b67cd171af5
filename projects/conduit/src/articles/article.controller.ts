import type { Request as ExpressRequest } from 'express';
import {
  Body,
  Controller,
  Delete,
  Get,
  Path,
  Post,
  Put,
  Query,
  Request,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import { sendRepresentation } from '@course/platform/http';
import { optionalViewer, viewerOf } from '../auth/viewer';
import type { PublicReads } from '../cache/public-reads';
import type { SpecErrors } from '../errors/spec-errors';
import type { ArticleService } from './article.service';
import type { Article, ArticleList } from './article.view';

/** @minLength 1 @maxLength 64 */
type TagName = string;

interface NewArticleBody {
  /** @minLength 1 @maxLength 200 */
  title: string;
  /** @minLength 1 @maxLength 1000 */
  description: string;
  /** @minLength 1 @maxLength 65536 */
  body: string;
  /** In the order given; duplicates are dropped. @maxItems 20 */
  tagList?: TagName[];
}

interface UpdateArticleBody {
  /** A new title gives the article a new slug. @minLength 1 @maxLength 200 */
  title?: string;
  /** @minLength 1 @maxLength 1000 */
  description?: string;
  /** @minLength 1 @maxLength 65536 */
  body?: string;
  /** Replaces every tag; [] removes them all, and leaving it out keeps them. @maxItems 20 */
  tagList?: TagName[];
}

interface ArticleResponse {
  article: Article;
}

@Route('articles')
export class ArticleController extends Controller {
  constructor(
    private readonly articles: ArticleService,
    private readonly publicReads: PublicReads,
  ) {
    super();
  }

  /**
   * The most recent articles, newest first, optionally filtered; with a token, `favorited` and `following` are yours.
   * @param tag Only articles with this tag.
   * @param author Only articles by this username.
   * @param favorited Only articles this username favourited.
   * @param limit How many articles to return.
   * @param offset How many articles to skip.
   * @isInt limit must be an integer
   * @minimum limit 1
   * @maximum limit 100
   * @isInt offset must be an integer
   * @minimum offset 0
   * @maximum offset 1000000
   */
  @Get()
  @Tags('Articles')
  @Response<SpecErrors>(401, 'Invalid token')
  @Response<SpecErrors>(422, 'Invalid query')
  async list(
    @Request() request: ExpressRequest,
    @Query() tag?: string,
    @Query() author?: string,
    @Query() favorited?: string,
    @Query() limit = 20,
    @Query() offset = 0,
  ): Promise<ArticleList | undefined> {
    const viewer = await optionalViewer(request);
    const filters = { tag, author, favorited };
    const page = { limit, offset };
    if (viewer) return this.articles.list(filters, page, viewer.id);
    // Anonymous: the cached page, keyed on the query as tsoa validated it, sent as it is (undefined: answered).
    const cached = await this.publicReads.read('articles', { ...filters, ...page }, () =>
      this.articles.list(filters, page),
    );
    return sendRepresentation(request.res!, cached);
  }

  /**
   * The most recent articles of the users you follow, newest first.
   * @isInt limit must be an integer
   * @minimum limit 1
   * @maximum limit 100
   * @isInt offset must be an integer
   * @minimum offset 0
   * @maximum offset 1000000
   */
  @Get('feed')
  @Tags('Articles')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(422, 'Invalid query')
  async feed(
    @Request() request: ExpressRequest,
    @Query() limit = 20,
    @Query() offset = 0,
  ): Promise<ArticleList> {
    return this.articles.feed(viewerOf(request).id, { limit, offset });
  }

  /** Publishes an article; its slug comes from the title, made unique. */
  @Post()
  @Tags('Articles')
  @Security('Token')
  @SuccessResponse(201, 'Created')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(422, 'Invalid fields')
  async create(
    @Request() request: ExpressRequest,
    @Body() body: { article: NewArticleBody },
  ): Promise<ArticleResponse> {
    const article = await this.articles.create(viewerOf(request).id, {
      ...body.article,
      tagList: body.article.tagList ?? [],
    });
    this.setStatus(201);
    return { article };
  }

  /** One article, with its body. */
  @Get('{slug}')
  @Tags('Articles')
  @Response<SpecErrors>(401, 'Invalid token')
  @Response<SpecErrors>(404, 'No such article')
  async get(@Path() slug: string, @Request() request: ExpressRequest): Promise<ArticleResponse | undefined> {
    const viewer = await optionalViewer(request);
    if (viewer) return { article: await this.articles.get(slug, viewer.id) };
    // A missing article throws, so "not found" is never cached.
    const cached = await this.publicReads.read('article', { slug }, async () => ({
      article: await this.articles.get(slug),
    }));
    return sendRepresentation(request.res!, cached);
  }

  /** Changes your article; fields left out stay as they are. */
  @Put('{slug}')
  @Tags('Articles')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(403, 'Not your article')
  @Response<SpecErrors>(404, 'No such article')
  @Response<SpecErrors>(422, 'Invalid fields')
  async update(
    @Path() slug: string,
    @Request() request: ExpressRequest,
    @Body() body: { article: UpdateArticleBody },
  ): Promise<ArticleResponse> {
    return { article: await this.articles.update(slug, viewerOf(request).id, body.article) };
  }

  /** Deletes your article with its comments and favourites. */
  @Delete('{slug}')
  @Tags('Articles')
  @Security('Token')
  @SuccessResponse(204, 'Deleted')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(403, 'Not your article')
  @Response<SpecErrors>(404, 'No such article')
  async delete(@Path() slug: string, @Request() request: ExpressRequest): Promise<void> {
    await this.articles.delete(slug, viewerOf(request).id);
    this.setStatus(204);
  }

  /** Favourites an article; doing it again changes nothing. */
  @Post('{slug}/favorite')
  @Tags('Favorites')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(404, 'No such article')
  async favorite(@Path() slug: string, @Request() request: ExpressRequest): Promise<ArticleResponse> {
    return { article: await this.articles.favorite(slug, viewerOf(request).id) };
  }

  /** Takes back a favourite; doing it again changes nothing. */
  @Delete('{slug}/favorite')
  @Tags('Favorites')
  @Security('Token')
  @Response<SpecErrors>(401, 'Missing or invalid token')
  @Response<SpecErrors>(404, 'No such article')
  async unfavorite(@Path() slug: string, @Request() request: ExpressRequest): Promise<ArticleResponse> {
    return { article: await this.articles.unfavorite(slug, viewerOf(request).id) };
  }
}
