import net from 'node:net';
import { createLogger } from '@course/platform/logging';
import { memoryLogger } from '@course/test-harness/logs';
import type { Express } from 'express';
import type { Pool } from 'pg';
import { createApp } from '@target/app';
import type { HealthCheck } from '@target/health/health.router';
import { createLifecycle, type Lifecycle } from '@target/health/lifecycle';
import { createMetrics, type Metrics } from '@target/metrics/metrics';

export interface TestApp {
  app: Express;
  lifecycle: Lifecycle;
  metrics: Metrics;
}

/** The app as server.ts builds it, with the checks a test chooses and an in-memory logger. */
export function testApp(pool: Pool, checks: HealthCheck[], healthTimeoutMs = 300): TestApp {
  const { logger } = memoryLogger(createLogger);
  const lifecycle = createLifecycle();
  const metrics = createMetrics();
  const app = createApp({ logger, pool, checks, healthTimeoutMs, lifecycle, metrics });
  return { app, lifecycle, metrics };
}

/** A TCP server that accepts connections and never answers: a dependency that hangs. */
export async function blackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port that nothing listens on (for a moment): a dependency that is down. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
