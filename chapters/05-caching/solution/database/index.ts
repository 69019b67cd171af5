// Chapter 3 taught the database layer; from this chapter on it comes from the library. The Bookstore's
// repositories, carried unchanged from chapter 3, import it as '../database'.
export {
  connectDatabase,
  escapeLike,
  isRecordNotFound,
  isUuid,
  parseUuid,
  prismaConstraintViolation,
  type ConstraintViolation,
  type Database,
} from '@course/platform/database';
