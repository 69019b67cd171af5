// The `@course/db-migrate/diagnostics` entry: message helpers that load no database driver, for tools that
// report on services (the test harness's Redis support, `pnpm course doctor`).
export { redactUrl } from './redact-url';
export { unreachableReason } from './unreachable';
