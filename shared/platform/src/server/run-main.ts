import type { Logger } from '../logging/logger';

/** Anything that shuts down gracefully: a RunningServer, a worker. */
export interface Stoppable {
  close(): Promise<void>;
}

/** How {@link runMain} reports and exits; tests replace `exit`. */
export interface RunMainOptions {
  /** Logs the shutdown; without one, only failures are printed, on stderr. */
  logger?: Logger;
  signals?: readonly NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * Closes `running` on SIGTERM or SIGINT, then exits 0 (1 if closing failed). A second signal while closing exits at
 * once with 1. Without a SIGTERM handler, Node as PID 1 in a container ignores SIGTERM until it is killed.
 */
export function handleShutdownSignals(running: Stoppable, options: RunMainOptions = {}): void {
  const { logger, signals = ['SIGTERM', 'SIGINT'], exit = (code: number) => process.exit(code) } = options;
  let closing = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (closing) {
        logger?.warn('second signal while shutting down; exiting now', { signal });
        return exit(1);
      }
      closing = true;
      logger?.info('shutting down', { signal });
      running.close().then(
        () => exit(0),
        (error: unknown) => {
          if (logger) logger.error('shutdown failed', { error: String(error) });
          else console.error('shutdown failed:', error);
          exit(1);
        },
      );
    });
  }
}

/**
 * Runs a service's `main`: starts it, closes it gracefully on SIGTERM/SIGINT, and on a failure to start prints the
 * message (a ConfigError lists every problem; nothing else is worth printing) and exits 1.
 *
 * @example
 * if (require.main === module) runMain(async () => startServer({ app, port, logger }));
 */
export function runMain(main: () => Promise<Stoppable>, options: RunMainOptions = {}): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  main().then(
    (running) => handleShutdownSignals(running, { ...options, exit }),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      exit(1);
    },
  );
}
