import { ValidateError } from '@tsoa/runtime';
import { AppError, validationErrors, type FieldError } from './app-error';
import { BASE_ERROR_CODES, type ErrorCode } from './error-codes';
import { clientDataSqlState } from './sql-state';

type Fields = Record<string, { message: string }>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** tsoa's ValidateError, also when another copy of @tsoa/runtime threw it. */
function validateErrorFields(error: unknown): Fields | undefined {
  if (error instanceof ValidateError) return error.fields;
  if (isRecord(error) && error.name === 'ValidateError' && isRecord(error.fields))
    return error.fields as Fields;
  return undefined;
}

/** The 4xx status of an error raised by Express, body-parser or http-errors for a client's mistake. */
function clientErrorStatus(error: unknown): number | undefined {
  if (!isRecord(error)) return undefined;
  const status = error.status ?? error.statusCode;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  // http-errors marks its client errors `expose`; Express's router marks a path parameter that fails
  // percent-decoding with a URIError of status 400. An error of some other library that merely carries a status
  // (an upstream API's 404, say) is not the client's mistake, so it stays a 500.
  return error.expose === true || error instanceof URIError ? status : undefined;
}

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.entries(BASE_ERROR_CODES) as [ErrorCode, { status: number }][])
    .filter(([code]) => code !== 'MALFORMED_JSON')
    .map(([code, { status }]) => [status, code]),
);

function fromClientError(error: Record<string, unknown>, status: number): AppError {
  if (error instanceof URIError) {
    return new AppError({
      code: 'BAD_REQUEST',
      message: 'A path parameter is not valid percent-encoding (RFC 3986 §2.1).',
      cause: error,
    });
  }
  // zlib's errors (Z_DATA_ERROR, ERR_BROTLI_...) mean the body is not encoded as its Content-Encoding says.
  if (typeof error.code === 'string' && /^(Z_|ERR_BROTLI|ERR__ERROR)/.test(error.code)) {
    return new AppError({
      code: 'BAD_REQUEST',
      message: 'The body is not encoded as its Content-Encoding header says.',
      cause: error,
    });
  }
  const code = CODE_BY_STATUS.get(status) ?? 'BAD_REQUEST';
  return new AppError({ code, cause: error });
}

/**
 * Maps whatever was thrown to an AppError, so that every failure gets the same kind of response:
 * - an AppError stays as it is;
 * - tsoa's ValidateError becomes 422 VALIDATION_FAILED with one field error per invalid field (no values: they
 *   may be secrets);
 * - body-parser's errors become 400 MALFORMED_JSON, 413 PAYLOAD_TOO_LARGE or 415 UNSUPPORTED_MEDIA_TYPE;
 * - other client errors of Express and body-parser (a path parameter that fails percent-decoding, a body that
 *   is not encoded as its Content-Encoding says) become 400 BAD_REQUEST, or the base code of their 4xx status;
 * - PostgreSQL refusing a value that came from the client (a NUL character, a number out of range, text that is
 *   no number) becomes 422 VALIDATION_FAILED, as a last line of defence: validation should have caught it;
 * - anything else becomes 500 INTERNAL, whose message is never shown.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const fields = validateErrorFields(error);
  if (fields) {
    const errors: FieldError[] = Object.entries(fields).map(([field, { message }]) => ({ field, message }));
    return validationErrors(errors, error);
  }
  switch (isRecord(error) ? error.type : undefined) {
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
      return new AppError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send UTF-8 JSON, uncompressed or with Content-Encoding gzip, deflate or br.',
        cause: error,
      });
  }
  const status = clientErrorStatus(error);
  if (status !== undefined) return fromClientError(error as Record<string, unknown>, status);
  if (clientDataSqlState(error) !== undefined) {
    return new AppError({
      code: 'VALIDATION_FAILED',
      message:
        'A value in the request cannot be stored: it is out of range or holds a character that is not allowed.',
      cause: error,
    });
  }
  return new AppError({ code: 'INTERNAL', cause: error });
}
