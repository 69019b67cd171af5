import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Connection } from './connection';
import { defaultLimits } from './http.limits';
import type { Limits } from './http.limits';
import type { Handler } from './http.types';

export interface ServerOptions {
  limits?: Partial<Limits>;
  /** Where unexpected errors go; they are answered with 500 either way. */
  onError?: (error: unknown) => void;
}

/** An HTTP/1.1 server on a plain TCP server: node:net accepts connections, and each one gets a Connection. */
export class HttpServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();

  constructor(handler: Handler, { limits, onError = (error) => console.error(error) }: ServerOptions = {}) {
    const options = { handler, limits: { ...defaultLimits, ...limits }, onError };
    // allowHalfOpen: a client may send its requests, then FIN, and still wait for the responses.
    this.server = net.createServer({ allowHalfOpen: true }, (socket) => {
      const connection = new Connection(socket, options);
      this.connections.add(connection);
      socket.once('close', () => this.connections.delete(connection));
    });
  }

  /** Resolves with the port, which is useful when `port` is 0. */
  listen(port: number, host = '127.0.0.1'): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, lets requests being handled finish, closes every connection, then resolves. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      for (const connection of this.connections) connection.shutdown();
    });
  }
}

export function createServer(handler: Handler, options?: ServerOptions): HttpServer {
  return new HttpServer(handler, options);
}
