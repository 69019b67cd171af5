import { errorCodeInfo, type ErrorCode } from './error-codes';

/** One invalid field of a request, named by where it came from: `body.isbn`, `query.sort`. */
export interface FieldError {
  field: string;
  message: string;
}

/** What an {@link AppError} is made of. There are no positional flags: every option says what it is. */
export interface AppErrorOptions {
  code: ErrorCode;
  /** Becomes the problem's `detail` when the error is exposed; defaults to the code's title. */
  message?: string;
  cause?: unknown;
  /** Whether `message` may be shown to the client; defaults to true for 4xx and false for 5xx. */
  expose?: boolean;
  /** The invalid fields, for a 422. */
  errors?: FieldError[];
  /** Response headers that belong to the error: `WWW-Authenticate` on a 401, `Allow` on a 405, `Retry-After` on a 429. */
  headers?: Record<string, string>;
}

/** The one error type an application throws on purpose. Its status comes from the code's registry entry. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor({ code, message, cause, expose, errors, headers }: AppErrorOptions) {
    const { status, title } = errorCodeInfo(code);
    super(message ?? title, { cause });
    this.code = code;
    this.status = status;
    this.expose = expose ?? status < 500;
    this.errors = errors;
    this.headers = headers ?? {};
  }
}

/** A 422 for a field that passed the schema but breaks a rule the schema cannot express. */
export function validationError(field: string, message: string): AppError {
  return validationErrors([{ field, message }]);
}

/** A 422 that names every invalid field, its message listing them all (`field: message; …`). */
export function validationErrors(errors: FieldError[], cause?: unknown): AppError {
  const message = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new AppError({ code: 'VALIDATION_FAILED', message, errors, cause });
}
