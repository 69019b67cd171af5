export { escapeLike } from '../lists/like';
export {
  isPrismaKnownRequestError,
  isRecordNotFound,
  pgConstraintViolation,
  prismaConstraintViolation,
  type ConstraintViolation,
  type PrismaKnownRequestError,
} from './constraint-violation';
export {
  connectDatabase,
  connectPool,
  type Database,
  type DatabaseOptions,
  type PoolOptions,
  type PrismaClientClass,
} from './database';
export { countQueries, type QueryCounter } from './query-counter';
export { withTransaction } from './transaction';
export { isUuid, parseUuid } from './uuid';
