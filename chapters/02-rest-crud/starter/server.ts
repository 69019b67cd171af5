import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'winston';
import { createApp } from './app';
import { answerClientError } from './http/client-error';
import { loadConfig } from './config';
import { createLogger } from './logging/logger';

export interface ServerOptions {
  app: http.RequestListener;
  port: number;
  logger: Logger;
  /** How long close() lets in-flight requests run before it cuts their connections. */
  shutdownTimeoutMs?: number;
}

export interface RunningServer {
  server: http.Server;
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, and resolves when every connection is closed. */
  close(): Promise<void>;
}

export async function startServer({
  app,
  port,
  logger,
  shutdownTimeoutMs = 10_000,
}: ServerOptions): Promise<RunningServer> {
  const inFlight = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    // #exercise 2.8: Graceful shutdown. Stuck? pnpm course hint 2.8
    // #end
    app(req, res);
  });
  server.on('clientError', answerClientError(logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  const address = server.address() as AddressInfo;
  logger.info('listening', { port: address.port });

  async function close(): Promise<void> {
    // #exercise 2.8: Graceful shutdown. Stuck? pnpm course hint 2.8
    // Until 2.8 is done, shutdown is abrupt: every connection is cut, in-flight requests too.
    logger.warn('graceful shutdown is exercise 2.8; cutting every connection');
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // #end
  }

  return { server, port: address.port, close };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel });
  const running = await startServer({ app: createApp({ config, logger }), port: config.port, logger });

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
