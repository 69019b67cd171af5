import { Writable } from 'node:stream';
import winston from 'winston';
import { recordServerOutput } from './server-output';

/** One JSON log entry as a winston JSON logger writes it. */
export interface LogEntry {
  level: string;
  message: string;
  [field: string]: unknown;
}

/** What a logger factory gets from {@link memoryLogger}: a level and the in-memory transport. */
export interface LoggerFactoryOptions {
  level: 'debug';
  transports: winston.transport[];
}

function plainJsonLogger({ level, transports }: LoggerFactoryOptions): winston.Logger {
  return winston.createLogger({
    level,
    format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
    transports,
  });
}

/**
 * A logger that keeps its JSON entries in memory and prints nothing. Pass the code under test's own factory (the
 * chapter's `createLogger`, or `@course/platform/logging`'s), so that its formats (request ids, redaction) apply.
 *
 * @example
 * const { logger, logs } = memoryLogger(createLogger);
 */
export function memoryLogger<L extends winston.Logger = winston.Logger>(
  createLogger: (options: LoggerFactoryOptions) => L = plainJsonLogger as (
    options: LoggerFactoryOptions,
  ) => L,
): { logger: L; logs: LogEntry[] } {
  const logs: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        const entry = JSON.parse(line) as LogEntry;
        logs.push(entry);
        // Shown with the test's failure, if it fails: what the server logged while the test ran.
        recordServerOutput('log', entry);
      }
      done();
    },
  });
  const logger = createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] });
  return { logger, logs };
}

/**
 * Waits up to `timeoutMs` for an entry that matches: access lines are written when the response has gone out, so
 * a test may have to wait a moment for them. The error lists every entry, so a failing test shows the server's log.
 */
export async function waitForLog(
  logs: readonly LogEntry[],
  match: (entry: LogEntry) => boolean,
  timeoutMs = 1_000,
): Promise<LogEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logs.find(match);
    if (found) return found;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no matching log entry within ${timeoutMs} ms among ${JSON.stringify(logs, null, 2)}`);
}
