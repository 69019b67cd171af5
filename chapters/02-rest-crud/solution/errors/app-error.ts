import { errorCodes, type ErrorCode } from './error-codes';

/** One invalid field of a request, named by where it came from: `body.isbn`, `query.sort`. */
export interface FieldError {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  code: ErrorCode;
  /** Becomes the problem's `detail` when the error is exposed; defaults to the code's title. */
  message?: string;
  cause?: unknown;
  /** Whether `message` may be shown to the client; defaults to true for 4xx and false for 5xx. */
  expose?: boolean;
  errors?: FieldError[];
}

/** The one error type the application throws on purpose. The status comes from the code's registry entry. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly expose: boolean;
  readonly errors: FieldError[] | undefined;

  constructor({ code, message, cause, expose, errors }: AppErrorOptions) {
    const { status, title } = errorCodes[code];
    super(message ?? title, { cause });
    this.code = code;
    this.status = status;
    this.expose = expose ?? status < 500;
    this.errors = errors;
  }
}

/** A 422 for fields that passed the schema but break a rule the schema cannot express. */
export function validationError(field: string, message: string): AppError {
  return validationErrors([{ field, message }]);
}

/** A 422 that names every invalid field, its message listing them all (`field: message; …`). */
export function validationErrors(errors: FieldError[], cause?: unknown): AppError {
  const message = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return new AppError({ code: 'VALIDATION_FAILED', message, errors, cause });
}
