export { accessLog } from './access-log.middleware';
export {
  createLogger,
  LOG_LEVELS,
  withRequestId,
  type Logger,
  type LoggerOptions,
  type LogLevel,
} from './logger';
export { isSecretKey, redact, redactSecrets, REDACTED } from './redact';
export {
  currentRequestContext,
  currentRequestId,
  requestContext,
  REQUEST_ID_HEADER,
  runWithRequestId,
  type RequestContext,
} from './request-context';
