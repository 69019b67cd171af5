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
  // #exercise 2.1
  if (error instanceof AppError) return error;
  if (error instanceof ValidateError) {
    // tsoa names each field by where it came from (`body.isbn`, `query.limit`). Its values stay out: they may be secrets.
    const errors: FieldError[] = Object.entries(error.fields).map(([field, { message }]) => ({
      field,
      message,
    }));
    return validationErrors(errors, error);
  }
  // Express's router decodes path parameters; a broken percent-encoding (`/books/%E0%A4%A`) is a URIError.
  if (error instanceof URIError) {
    return new AppError({
      code: 'MALFORMED_PATH',
      message: 'The path has a malformed percent-encoding.',
      cause: error,
    });
  }
  switch (bodyParserType(error)) {
    case 'entity.parse.failed':
      return new AppError({
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON.',
        cause: error,
      });
    case 'entity.too.large':
      return new AppError({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large.',
        cause: error,
      });
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send UTF-8 JSON.', cause: error });
  }
  // express.json() gives a body that does not decompress (`Content-Encoding: gzip` on plain JSON) status 400.
  if (httpStatus(error) === 400) {
    return new AppError({
      code: 'MALFORMED_BODY',
      message: 'The body cannot be decoded with its Content-Encoding.',
      cause: error,
    });
  }
  return new AppError({ code: 'INTERNAL', cause: error });
  // #starter
  // return error instanceof AppError ? error : new AppError({ code: 'INTERNAL', cause: error });
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
    // #exercise 2.1
    if (res.headersSent) return next(error);
    const appError = toAppError(error);
    const { code, status } = appError;
    const context = { requestId: req.id, method: req.method, path: req.path, status, code };
    if (status >= 500) {
      logger.error('request failed', { ...context, error: errorDetails(appError.cause ?? appError) });
    } else {
      logger.info('request rejected', context);
    }
    const problem: ProblemDetails = {
      type: problemType(code),
      title: errorCodes[code].title,
      status,
      detail: appError.expose ? appError.message : 'The server could not complete the request.',
      instance: req.originalUrl.split('?')[0] ?? req.path,
      code,
      ...(appError.errors && { errors: appError.errors }),
    };
    res.status(status).type(PROBLEM_JSON).json(problem);
    // #starter
    // next(error);
    // #end
  };
}
