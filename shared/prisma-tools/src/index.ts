export { runCli, USAGE, type Output } from './cli';
export { DEFAULT_DATABASE_URL, describeDatabase } from './database';
export { generateClient, type GenerateOptions } from './generate';
export { migrateDev, type MigrateDevOptions, type MigrateDevResult } from './migrate-dev';
export { migrateDeploy, migrateStatus, type DeployResult, type MigrationStatus } from './migrate-deploy';
export { migrateDiff, type MigrateDiffResult } from './migrate-diff';
export { migrateReset } from './migrate-reset';
export { resolvePaths, type DatabaseOptions, type MigrationsOptions, type SchemaOptions } from './options';
export { PrismaToolsError, type PrismaToolsErrorCode } from './prisma-tools-error';
