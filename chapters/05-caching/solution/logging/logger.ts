import { withRequestId, type LogLevel } from '@course/platform/logging';
import winston from 'winston';
import { redactSecrets } from './redact';

export interface LoggerOptions {
  level: LogLevel;
  /** Where entries go; the console by default. Tests pass an in-memory stream. */
  transports?: winston.transport[];
}

/**
 * Chapter 2's JSON logger, with every line of a request carrying its id, and with this chapter's redaction:
 * secrets are masked before any transport sees them, because a log line is read by more people, and kept longer,
 * than the database.
 */
export function createLogger({ level, transports }: LoggerOptions): winston.Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(
      withRequestId(),
      redactSecrets(),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: transports ?? [new winston.transports.Console()],
  });
}
