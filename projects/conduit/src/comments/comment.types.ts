import type { ProfileRecord } from '../profiles/profile.types';

export interface CommentRecord {
  id: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  author: ProfileRecord;
}

/** Who may delete a comment, and which article it belongs to. */
export interface CommentOwner {
  id: number;
  articleId: number;
  authorId: number;
}
