/** Stable codes for everything that stops a command; tests and callers branch on these, not on wording. */
export type PrismaToolsErrorCode =
  | 'USAGE'
  | 'SCHEMA_NOT_FOUND'
  | 'DATABASE_URL_INVALID'
  | 'DATABASE_UNREACHABLE'
  | 'MIGRATION_NAME_REQUIRED'
  | 'MIGRATION_NAME_INVALID'
  | 'DATA_LOSS_NOT_ACCEPTED'
  | 'MIGRATION_UNEXECUTABLE'
  | 'MIGRATION_OUT_OF_ORDER'
  | 'RESET_REQUIRED'
  | 'RESET_NOT_CONFIRMED'
  | 'SCHEMA_ENGINE_FAILED'
  | 'GENERATE_FAILED';

/**
 * Why a command stopped. The message is one line, fit to print as it is; `details` holds what the schema engine
 * explained at length, such as a summary of drift, when there is any.
 */
export class PrismaToolsError extends Error {
  override name = 'PrismaToolsError';
  readonly code: PrismaToolsErrorCode;
  readonly details?: string;

  constructor(options: { code: PrismaToolsErrorCode; message: string; details?: string; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.details = options.details;
  }
}
