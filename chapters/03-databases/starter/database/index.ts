export type { ConstraintViolation } from './constraint-violation';
export { connectDatabase, type Database, type DatabaseOptions } from './database';
export { escapeLike } from './like';
export { pgConstraintViolation } from './pg-errors';
export { isRecordNotFound, prismaConstraintViolation } from './prisma-errors';
export { countQueries, type QueryCounter } from './query-counter';
export { withTransaction } from './transaction';
export { isUuid, parseUuid } from './uuid';
