import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logging/logger';
import { clientErrorHandler } from './client-error';

/** How {@link startServer} listens and shuts down. */
export interface ServerOptions {
  app: http.RequestListener;
  /** 0 picks a free port; the running server reports which. */
  port: number;
  logger: Logger;
  /** How long close() lets in-flight requests run before it cuts their connections; 10 s by default. */
  shutdownTimeoutMs?: number;
  /**
   * Runs once the last connection has closed: the place to close the database pool. Closed any earlier, it would
   * fail the requests that were still running.
   */
  onClose?: () => Promise<void>;
  /**
   * The base of the problem `type` URIs of errors that Node's parser raises before the app runs (431, 400, 408);
   * give the one that errorHandler() has. Without it those problems have type `about:blank` (RFC 9457 §4.2.1).
   */
  problemTypeBase?: string;
}

/** A listening server. */
export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish (up to the timeout), then runs onClose. */
  close(): Promise<void>;
}

/**
 * Listens on `port`, answers errors raised before the app runs as problem+json, and returns a close() that shuts
 * down gracefully: new connections are refused, requests in flight finish and are answered with
 * `Connection: close`, idle keep-alive connections end at once, and onClose runs after the last one.
 */
export async function startServer({
  app,
  port,
  logger,
  shutdownTimeoutMs = 10_000,
  onClose,
  problemTypeBase = 'about:blank',
}: ServerOptions): Promise<RunningServer> {
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    // A request can still arrive on a kept-alive connection after close() began.
    if (!server.listening) res.setHeader('Connection', 'close');
    app(req, res);
  });
  server.on('clientError', clientErrorHandler(logger, problemTypeBase));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  logger.info('listening', { port: address.port });

  let closing: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    // server.close() refuses new connections and ends the idle ones at once; those with a request in flight stay
    // open until it is answered. "Connection: close" ends them after that answer (RFC 9112 §9.6), instead of
    // keeping them alive for the client's next request.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    const timer = setTimeout(() => {
      logger.warn('shutdown timeout; closing the remaining connections', { shutdownTimeoutMs });
      server.closeAllConnections();
    }, shutdownTimeoutMs);
    await closed;
    clearTimeout(timer);
    await onClose?.();
  }

  return {
    server,
    port: address.port,
    // A second call (a second signal) waits for the same shutdown instead of closing twice.
    close: () => (closing ??= shutDown()),
  };
}
