import type { Socket } from 'node:net';
import { HttpError } from './http.error';
import type { Limits } from './http.limits';
import type { Handler, HttpRequest } from './http.types';
import { shouldKeepAlive } from './keep-alive';
import { RequestParser } from './request.parser';
import { CONTINUE, expectsContinue, serializeErrorResponse, serializeResponse } from './response.serializer';

export interface ConnectionOptions {
  handler: Handler;
  limits: Limits;
  /** Receives every error that is not an HttpError: a bug, not a bad request. */
  onError: (error: unknown) => void;
}

/** After sending its last response, a closing connection reads and drops input this long, then gives up. */
const LINGER_MS = 2000;

/** Bytes of later requests we hold while one is being handled, before we stop reading from the socket. */
const MAX_WAITING_BYTES = 64 * 1024;

type TimerKind = 'idle' | 'headers' | 'linger';

/**
 * One client connection: feeds socket bytes to the parser and answers requests one at a time, in order.
 * Whatever goes wrong becomes an error response and a closed socket; nothing here may throw or reject.
 */
export class Connection {
  private readonly parser: RequestParser;
  /** A request is being handled; bytes that arrive meanwhile wait in the parser's buffer. */
  private busy = false;
  /** The client sent FIN: answer what is complete, then close. */
  private peerEnded = false;
  /** We sent or are sending our last response. */
  private closing = false;
  /** The server is shutting down: finish the request in progress, then close. */
  private draining = false;
  private timer: NodeJS.Timeout | undefined;
  private timerKind: TimerKind | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly options: ConnectionOptions,
  ) {
    this.parser = new RequestParser(options.limits);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    // A reset or a broken pipe only means the client went away.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.setTimer(undefined));
    this.armTimer();
  }

  /** Stops after the current request, or right away when there is none. */
  shutdown(): void {
    this.draining = true;
    if (!this.busy) this.close();
  }

  private onData(chunk: Buffer): void {
    if (this.closing) return;
    this.parser.push(chunk);
    if (!this.busy) void this.answerRequests();
    // A client that pipelines faster than we answer waits in TCP, not in our memory.
    else if (this.parser.bufferedBytes > MAX_WAITING_BYTES) this.socket.pause();
  }

  private onEnd(): void {
    this.peerEnded = true;
    if (!this.busy && !this.closing) void this.answerRequests();
  }

  /** Answers every complete request in the buffer. */
  private async answerRequests(): Promise<void> {
    this.busy = true;
    try {
      while (!this.closing) {
        const event = this.parser.next();
        if (!event) break;
        if (event.type === 'request') await this.respond(event.request);
        else if (expectsContinue(event.head, event.framing)) this.socket.write(CONTINUE);
      }
    } catch (error) {
      this.fail(error);
    }
    this.busy = false;
    if (this.peerEnded || this.draining) this.close();
    else this.armTimer();
  }

  private async respond(request: HttpRequest): Promise<void> {
    this.setTimer(undefined);
    const response = await this.options.handler(request);
    if (this.socket.destroyed) return;
    const keepAlive = shouldKeepAlive(request) && !this.draining;
    const flushed = this.socket.write(serializeResponse(response, request, keepAlive));
    if (!keepAlive) {
      this.close();
      return;
    }
    // A client that sends requests but does not read the responses must not make us buffer without end.
    if (!flushed) await this.writableAgain();
    if (this.socket.isPaused()) this.socket.resume();
  }

  private writableAgain(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done).off('close', done);
        resolve();
      };
      this.socket.on('drain', done).on('close', done);
    });
  }

  /** Answers an error with a status (5xx for anything unexpected) and closes the connection. */
  private fail(error: unknown): void {
    if (this.closing) return;
    let status = 500;
    let message = 'the server could not handle the request';
    if (error instanceof HttpError) {
      ({ status, message } = error);
    } else {
      this.options.onError(error);
    }
    if (this.socket.writable) this.socket.write(serializeErrorResponse(status, message));
    this.close();
  }

  /**
   * Sends FIN but keeps reading until the client closes too. Destroying the socket with unread input would make the
   * kernel send a reset, which can discard the response before the client reads it (RFC 9112 §9.6).
   */
  private close(): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.resume();
    this.socket.end();
    this.setTimer('linger', LINGER_MS, () => this.socket.destroy());
  }

  /** Idle connections close after the keep-alive timeout; a head must be complete within the headers timeout. */
  private armTimer(): void {
    const { headersTimeoutMs, keepAliveTimeoutMs } = this.options.limits;
    if (this.closing || this.busy) return;
    if (this.parser.idle) {
      this.setTimer('idle', keepAliveTimeoutMs, () => this.close());
    } else if (this.parser.readingHead) {
      // Started at the head's first byte and never extended, so trickling bytes (slowloris) cannot keep it open.
      this.setTimer('headers', headersTimeoutMs, () =>
        this.fail(new HttpError({ status: 408, message: 'the request head took too long' })),
      );
    } else {
      this.setTimer(undefined);
    }
  }

  private setTimer(kind: TimerKind | undefined, ms = 0, fire?: () => void): void {
    if (kind !== undefined && kind === this.timerKind) return;
    clearTimeout(this.timer);
    this.timer = kind && fire ? setTimeout(fire, ms) : undefined;
    this.timerKind = kind;
  }
}
