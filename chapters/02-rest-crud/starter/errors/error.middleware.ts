import { ValidateError } from '@tsoa/runtime';
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'winston';
import { AppError, validationErrors, type FieldError } from './app-error';
import { errorCodes, problemType } from './error-codes';
import { PROBLEM_JSON, type ProblemDetails } from './problem';

/** The errors that express.json() throws carry a `type` such as `entity.parse.failed`. */
function bodyParserType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
}

/** The status that Express and its body parser put on the client's mistakes they find. */
function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  return typeof error.status === 'number' ? error.status : undefined;
}

/** Maps whatever was thrown to an AppError, so that every failure gets the same kind of response. */
export function toAppError(error: unknown): AppError {
  // #exercise 2.1: Problem details for every error. Stuck? pnpm course hint 2.1
  return error instanceof AppError ? error : new AppError({ code: 'INTERNAL', cause: error });
  // #end
}

function errorDetails(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { value: String(error) };
}

/** The last middleware: logs the failure and answers with RFC 9457 problem details. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    // #exercise 2.1: Problem details for every error. Stuck? pnpm course hint 2.1
    next(error);
    // #end
  };
}
