import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from '../logging/logger';
import type { AppError } from './app-error';
import { errorCodeInfo, problemType } from './error-codes';
import { PROBLEM_JSON, type ProblemDetails } from './problem';
import { sqlState } from './sql-state';
import { toAppError } from './to-app-error';

/** How {@link errorHandler} answers. */
export interface ErrorHandlerOptions {
  logger: Logger;
  /** The base of every problem's `type` URI, such as `https://bookstore.example/problems/`. */
  problemTypeBase: string;
}

/** The detail of a 5xx: the real message stays in the log. */
export const HIDDEN_DETAIL = 'The server could not complete the request.';

/** The RFC 9457 body for an AppError; `instance` is the path that failed, when there is one. */
export function problemDetails(error: AppError, problemTypeBase: string, instance?: string): ProblemDetails {
  return {
    type: problemType(problemTypeBase, error.code),
    title: errorCodeInfo(error.code).title,
    status: error.status,
    detail: error.expose ? error.message : HIDDEN_DETAIL,
    ...(instance !== undefined && { instance }),
    code: error.code,
    ...(error.errors && { errors: error.errors }),
  };
}

function errorDetails(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { name: error.name, message: error.message, stack: error.stack }
    : { value: String(error) };
}

function logFailure(logger: Logger, req: Request, error: AppError): void {
  const context = {
    requestId: req.id,
    method: req.method,
    path: req.path,
    status: error.status,
    code: error.code,
  };
  if (error.status >= 500) {
    logger.error('request failed', { ...context, error: errorDetails(error.cause ?? error) });
  } else {
    // A client's mistake is routine: info, without the stack. The SQLSTATE says which last line of defence held.
    const state = sqlState(error.cause);
    logger.info('request rejected', { ...context, ...(state !== undefined && { sqlState: state }) });
  }
}

/**
 * The last middleware: maps whatever was thrown to a problem+json answer (see {@link toAppError}), never a 500 for a
 * client's mistake, and never an internal message or a stack. Logs 4xx at info and 5xx at error with the stack.
 */
export function errorHandler({ logger, problemTypeBase }: ErrorHandlerOptions): ErrorRequestHandler {
  return (error, req, res, next) => {
    // Express's own handler ends a response that has already started; nothing better can be sent.
    if (res.headersSent) return next(error);
    const appError = toAppError(error);
    logFailure(logger, req, appError);
    const instance = req.originalUrl.split('?')[0] ?? req.path;
    res
      .status(appError.status)
      .set(appError.headers)
      .type(PROBLEM_JSON)
      .json(problemDetails(appError, problemTypeBase, instance));
  };
}
