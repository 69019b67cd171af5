import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@course/platform/logging';
import type { Lifecycle } from '../health/lifecycle';

export interface ShutdownOptions {
  lifecycle: Lifecycle;
  /** Stops accepting, lets requests in flight finish, ends idle keep-alive connections: RunningServer.close(). */
  closeServer(): Promise<void>;
  /** Pools and clients, closed after the server, when no request can use them any more. */
  closers: ReadonlyArray<() => Promise<unknown>>;
  /** Time between failing readiness and closing the listener, for load balancers to notice. */
  delayMs: number;
  /** After this, the process gives up on a clean shutdown and exits 1. */
  budgetMs: number;
  logger: Logger;
  exit?: (code: number) => void;
}

/**
 * Returns the function to call on SIGTERM and SIGINT. The order matters:
 * 1. readiness fails, so no new traffic is routed here;
 * 2. after `delayMs`, the server stops accepting, idle connections close, and requests in flight finish;
 * 3. the database pool and Redis close;
 * 4. the process exits 0, or 1 when the budget runs out first or closing failed.
 * A second signal means "now": exit 1 at once.
 */
export function gracefulShutdown(options: ShutdownOptions): (signal: NodeJS.Signals) => void {
  const { lifecycle, logger, exit = (code: number) => process.exit(code) } = options;
  // #exercise 7.3: Shut down gracefully. Stuck? pnpm course hint 7.3
  return () => exit(0);
  // #end
}

/** Calls `onSignal` on SIGTERM (what orchestrators send) and SIGINT (Ctrl+C). */
export function onShutdownSignals(onSignal: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, onSignal);
}
