import winston from 'winston';

export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level: LogLevel;
  /** Where entries go; the console by default. Tests pass an in-memory stream. */
  transports?: winston.transport[];
}

/** One JSON object per line, so that log collectors can parse and index every field. */
export function createLogger({ level, transports }: LoggerOptions): winston.Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports: transports ?? [new winston.transports.Console()],
  });
}
