export {
  AppError,
  validationError,
  validationErrors,
  type AppErrorOptions,
  type FieldError,
} from './app-error';
export {
  BASE_ERROR_CODES,
  defineErrorCodes,
  errorCodeInfo,
  isErrorCode,
  problemType,
  type ErrorCode,
  type ErrorCodeInfo,
  type ErrorCodes,
} from './error-codes';
export { errorHandler, HIDDEN_DETAIL, problemDetails, type ErrorHandlerOptions } from './error.middleware';
export { PROBLEM_JSON, type ProblemDetails } from './problem';
export { CLIENT_DATA_SQL_STATES, clientDataSqlState, sqlState } from './sql-state';
export { toAppError } from './to-app-error';
