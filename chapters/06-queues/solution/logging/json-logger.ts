import type { QueueLogger } from '../queue/job.types';

/** One JSON object per line on stdout. */
export function jsonLogger(): QueueLogger {
  const write = (level: string) => (message: string, meta: Record<string, unknown> = {}) =>
    process.stdout.write(`${JSON.stringify({ level, message, ...meta, timestamp: new Date().toISOString() })}\n`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
