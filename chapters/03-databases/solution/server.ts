import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';
import { createApp } from './app';
import { loadConfig } from './config';
import { connectDatabase } from './database/database';
import { createLogger } from './logging/logger';

export interface ServerOptions {
  app: http.RequestListener;
  port: number;
  logger: Logger;
  /** How long close() lets in-flight requests run before it cuts their connections. */
  shutdownTimeoutMs?: number;
  /**
   * Runs once the last connection has closed: the place to close the database pool. Closed any earlier, it
   * would fail the requests that were still running.
   */
  onClose?: () => Promise<void>;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, then runs onClose. */
  close(): Promise<void>;
}

export async function startServer({
  app,
  port,
  logger,
  shutdownTimeoutMs = 10_000,
  onClose,
}: ServerOptions): Promise<RunningServer> {
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    // A request can still arrive on a kept-alive connection after close() began.
    if (!server.listening) res.setHeader('Connection', 'close');
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const address = server.address() as AddressInfo;
  logger.info('listening', { port: address.port });

  async function close(): Promise<void> {
    // server.close() refuses new connections and ends the idle ones at once; those with a request in flight
    // stay open until it is answered. "Connection: close" ends them after that answer (RFC 9112 §9.6),
    // instead of keeping them alive for the client's next request.
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

  return { server, port: address.port, close };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const database = connectDatabase({ url: config.databaseUrl, poolSize: config.databasePoolSize, logger });
  // Fail at startup, with a clear message, rather than at the first request.
  await database.pool.query('SELECT 1');
  const running = await startServer({
    app: createApp({ database, logger }),
    port: config.port,
    logger,
    onClose: () => database.close(),
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info('shutting down', { signal });
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error: String(error) });
          process.exit(1);
        },
      );
    });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
