import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** One response as it came off the wire. Field names are lowercase; repeated fields are joined with ", ". */
export interface RawResponse {
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
  /** The exact bytes of this response. */
  raw: Buffer;
}

/** How long a test waits for an answer from the server before it fails. */
export const DEFAULT_TIMEOUT_MS = 2000;
const openClients = new Set<RawClient>();

/**
 * A TCP client that sends exact bytes and frames the responses itself, so that tests can send what no
 * well-behaved HTTP client would, and see exactly what the server answers.
 */
export class RawClient {
  private received = Buffer.alloc(0);
  private ended = false;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.notify();
    });
    socket.on('end', () => this.onEnd());
    socket.on('close', () => this.onEnd());
    // Writing to a server that already closed fails with EPIPE or ECONNRESET; the test looks at what was received.
    socket.on('error', () => this.onEnd());
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        const client = new RawClient(socket);
        openClients.add(client);
        resolve(client);
      });
    });
  }

  /** Strings are sent as latin1, so each character is one byte: '\x00' is a NUL byte, '\xe9' the byte 0xE9. */
  write(data: string | Buffer): void {
    if (!this.socket.destroyed)
      this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Sends `data` in pieces of `size` bytes with a pause between them, so they arrive as separate reads. */
  async writeInPieces(data: string | Buffer, size: number, delayMs = 2): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    for (let i = 0; i < bytes.length && !this.ended; i += size) {
      this.write(bytes.subarray(i, i + size));
      await sleep(delayMs);
    }
  }

  /** Half-closes: sends FIN but keeps reading. */
  end(): void {
    this.socket.end();
  }

  /** Waits for the next complete response; `head` says it answers a HEAD request and so has no body. */
  async response({ head = false, timeoutMs = DEFAULT_TIMEOUT_MS } = {}): Promise<RawResponse> {
    const found = await this.waitFor(() => this.takeResponse(head), timeoutMs);
    if (!found) {
      const state = this.ended ? 'the server closed the connection' : `no response within ${timeoutMs} ms`;
      throw new Error(`${state}; unread bytes: ${JSON.stringify(this.received.toString('latin1'))}`);
    }
    return found;
  }

  /** Resolves true once the server has closed the connection, or false after `timeoutMs`. */
  async closed(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<boolean> {
    return (await this.waitFor(() => this.ended || undefined, timeoutMs)) === true;
  }

  get isClosed(): boolean {
    return this.ended;
  }

  /** Bytes received but not yet taken by `response()`. */
  get unread(): Buffer {
    return this.received;
  }

  destroy(): void {
    this.socket.destroy();
    openClients.delete(this);
  }

  private onEnd(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const finish = (value: T | undefined): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(value);
      };
      const listener = (): void => {
        const value = check();
        if (value !== undefined) finish(value);
        else if (this.ended) finish(undefined);
      };
      const timer = setTimeout(() => finish(undefined), timeoutMs);
      this.listeners.add(listener);
      listener();
    });
  }

  /** Frames one response from the front of the received bytes, or returns undefined if it is incomplete. */
  private takeResponse(head: boolean): RawResponse | undefined {
    const end = this.received.indexOf('\r\n\r\n');
    if (end === -1) return undefined;
    const [statusLine = '', ...lines] = this.received.toString('latin1', 0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const status = Number(statusLine.split(' ')[1]);
    const bodyStart = end + 4;
    let bodyEnd: number;
    if (head || status < 200 || status === 204 || status === 304) {
      bodyEnd = bodyStart;
    } else if (headers['content-length'] !== undefined) {
      bodyEnd = bodyStart + Number(headers['content-length']);
      if (this.received.length < bodyEnd) return undefined;
    } else {
      // No length: the body runs until the server closes (RFC 9112 §6.3).
      if (!this.ended) return undefined;
      bodyEnd = this.received.length;
    }
    const raw = this.received.subarray(0, bodyEnd);
    const body = this.received.subarray(bodyStart, bodyEnd);
    this.received = this.received.subarray(bodyEnd);
    return { statusLine, status, headers, body, text: body.toString('utf8'), raw };
  }
}

/** Destroys every client a test left open; call it in afterEach. */
export function destroyClients(): void {
  for (const client of openClients) client.destroy();
}

/** Sends `data` on a new connection and returns the first response. */
export async function roundTrip(port: number, data: string | Buffer): Promise<RawResponse> {
  const client = await RawClient.connect(port);
  client.write(data);
  return client.response();
}

/** Sends `data` on a new connection; returns the first response and whether the server then closed. */
export async function rejection(
  port: number,
  data: string | Buffer,
): Promise<{ status: number; closed: boolean }> {
  const client = await RawClient.connect(port);
  client.write(data);
  const response = await client.response();
  return { status: response.status, closed: await client.closed() };
}
