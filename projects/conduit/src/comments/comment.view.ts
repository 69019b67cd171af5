import { toProfileView } from '../profiles/profile.service';
import type { Profile } from '../profiles/profile.types';
import type { CommentRecord } from './comment.types';

export interface Comment {
  /** @isInt */
  id: number;
  body: string;
  createdAt: string;
  updatedAt: string;
  author: Profile;
}

export function toComment(record: CommentRecord): Comment {
  return {
    id: record.id,
    body: record.body,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    author: toProfileView(record.author),
  };
}
