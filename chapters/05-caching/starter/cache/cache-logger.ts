/** What the cache and the limiter log through; a winston logger is one. */
export interface WarnLogger {
  warn(message: string, meta?: Record<string, unknown>): unknown;
}

export const silentLogger: WarnLogger = { warn: () => undefined };
