export { escapeLike } from './like';
export {
  DEFAULT_LIMIT,
  toPage,
  type Page,
  type PageInfo,
  type PageLinks,
  type PageQuery,
  type PageRequest,
  type Slice,
} from './page';
export { parseSort, type SortKey, type SortQuery } from './sort';
