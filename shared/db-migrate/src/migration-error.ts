/** Stable codes for everything that stops a migration run; tests and callers branch on these, not on wording. */
export type MigrationErrorCode =
  | 'MIGRATIONS_DIR_NOT_FOUND'
  | 'MIGRATION_SQL_NOT_FOUND'
  | 'MIGRATION_FAILED'
  | 'MIGRATION_EDITED'
  | 'MIGRATION_MISSING'
  | 'MIGRATION_FAILED_EARLIER'
  | 'DATABASE_UNREACHABLE';

/** Why a migration run stopped. `migrations` names the migrations concerned, in folder order. */
export class MigrationError extends Error {
  override name = 'MigrationError';
  readonly code: MigrationErrorCode;
  readonly migrations: string[];

  constructor(options: {
    code: MigrationErrorCode;
    message: string;
    migrations?: string[];
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.code = options.code;
    this.migrations = options.migrations ?? [];
  }
}
