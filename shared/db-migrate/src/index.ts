export { migrate, migrationStatus, type MigrateOptions } from './migrate';
export type { MigrationStatus } from './migration-status';
export { MigrationError, type MigrationErrorCode } from './migration-error';
export { readMigrationsFolder, type MigrationFile } from './migrations-folder';
export { checksumOf } from './checksum';
export { MIGRATIONS_TABLE_DDL } from './migrations-table';
export { redactUrl, unreachableReason } from './diagnostics';
export { CONNECT_TIMEOUT_MS } from './probe';
