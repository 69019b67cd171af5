import type { Request } from 'express';

/** How many items a list returns when the client does not say. */
export const DEFAULT_LIMIT = 20;

/** The query parameters that every list endpoint takes. */
export interface PageQuery {
  /**
   * How many items to return.
   * @isInt
   * @minimum 1
   * @maximum 100
   * @default 20
   */
  limit?: number;
  /**
   * How many items to skip.
   * @isInt
   * @minimum 0
   * @maximum 2147483647
   * @default 0
   */
  offset?: number;
}

/** What a repository returns for one page: the items and how many match in all. */
export interface Slice<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** Where a page sits among all results. */
export interface PageInfo {
  /** @isInt */
  limit: number;
  /** @isInt */
  offset: number;
  /**
   * How many items match the filters, on all pages.
   * @isInt
   */
  total: number;
}

/** Links to this page and its neighbours, with the same filters; `next` and `prev` are absent at the ends. */
export interface PageLinks {
  self: string;
  next?: string;
  prev?: string;
}

/** A list response: the items, where they sit, and links to move on. */
export interface Page<T> {
  data: T[];
  page: PageInfo;
  links: PageLinks;
}

/** The request parts that {@link toPage} reads; an Express request has them. */
export type PageRequest = Pick<Request, 'query' | 'baseUrl' | 'path'>;

function link(request: PageRequest, limit: number, offset: number): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query)) {
    if (typeof value === 'string' && name !== 'limit' && name !== 'offset') params.set(name, value);
  }
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return `${request.baseUrl}${request.path}?${params.toString()}`;
}

/** Wraps a slice in the list response: the data, where it sits among all results, and links to move on. */
export function toPage<T>({ items, total, limit, offset }: Slice<T>, request: PageRequest): Page<T> {
  const links: PageLinks = { self: link(request, limit, offset) };
  if (offset + limit < total) links.next = link(request, limit, offset + limit);
  if (offset > 0) links.prev = link(request, limit, Math.max(0, offset - limit));
  return { data: items, page: { limit, offset, total }, links };
}
