import { AppError, validationError } from '@course/platform/errors';
import type { ArticleService } from '../articles/article.service';
import type { CommentRepository } from './comment.repository';
import { toComment, type Comment } from './comment.view';

/** Comments on articles: anyone reads them, their authors delete them. */
export class CommentService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly articles: ArticleService,
  ) {}

  async list(slug: string, viewerId?: number): Promise<Comment[]> {
    const article = await this.articles.findOwner(slug);
    return (await this.comments.listByArticle(article.id, viewerId)).map(toComment);
  }

  async create(slug: string, authorId: number, body: string): Promise<Comment> {
    if (body.trim() === '') throw validationError('body', "can't be blank");
    const article = await this.articles.findOwner(slug);
    const comment = await this.comments.create(article.id, authorId, body);
    // The article was deleted between the lookup and the insert: its foreign key said so.
    if (!comment) throw new AppError({ code: 'ARTICLE_NOT_FOUND' });
    return toComment(comment);
  }

  async delete(slug: string, id: number, userId: number): Promise<void> {
    const article = await this.articles.findOwner(slug);
    const comment = await this.comments.findOwner(id);
    // A comment of another article is not found here, whatever its id.
    if (!comment || comment.articleId !== article.id) throw new AppError({ code: 'COMMENT_NOT_FOUND' });
    if (comment.authorId !== userId) throw new AppError({ code: 'COMMENT_FORBIDDEN' });
    await this.comments.delete(comment.id);
  }
}
