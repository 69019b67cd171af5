import winston from 'winston';
import { redactSecrets } from './redact';
import { currentRequestId } from './request-context';

/** winston's npm levels, most severe first. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The logger type that the library's functions take: winston's. */
export type Logger = winston.Logger;

/** How {@link createLogger} makes a logger. */
export interface LoggerOptions {
  level: LogLevel;
  /** Where entries go; the console by default. Tests pass an in-memory stream. */
  transports?: winston.transport[];
}

/** A winston format that adds the id of the request being served, unless the entry names one itself. */
export const withRequestId = winston.format((info) => {
  const requestId = currentRequestId();
  if (requestId !== undefined && info.requestId === undefined) info.requestId = requestId;
  return info;
});

/**
 * One JSON object per line, so that log collectors can parse and index every field. Every entry written while a
 * request is served carries its `requestId`; secrets are masked before any transport sees them, because a log line
 * is read by more people, and kept longer, than the database.
 */
export function createLogger({ level, transports }: LoggerOptions): Logger {
  // winston formats every entry before its transports drop those below their level; drop them first instead, so that
  // a debug line in a hot path costs nothing while the level is info.
  const enabled = winston.format((info) => (logger.isLevelEnabled(info.level) ? info : false));
  const logger = winston.createLogger({
    level,
    format: winston.format.combine(
      enabled(),
      withRequestId(),
      redactSecrets(),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: transports ?? [new winston.transports.Console()],
  });
  return logger;
}
