import { framingOf, parseChunkSize } from './body-framing';
import { parseHeaderLine, validateHeaders } from './header-fields';
import { HttpError } from './http.error';
import type { Limits } from './http.limits';
import type { Framing, HeaderMap, HttpRequest, RequestHead } from './http.types';
import { parseRequestLine } from './request-line';

export type ParseEvent =
  { type: 'head'; head: RequestHead; framing: Framing } | { type: 'request'; request: HttpRequest };

type State =
  'request-line' | 'headers' | 'body' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'done';

const CR = 0x0d;
const LF = 0x0a;
const EMPTY = Buffer.alloc(0);
/** RFC 9112 §2.2 asks servers to skip at least one empty line before a request; we skip a few, not a flood. */
const MAX_EMPTY_LINES = 4;
/** A chunk-size line holds a hex size and perhaps a few extensions. */
const MAX_CHUNK_LINE_BYTES = 1024;

function newRequest(): HttpRequest {
  return {
    method: '',
    target: '',
    version: 'HTTP/1.1',
    headers: new Map(),
    body: EMPTY,
    trailers: new Map(),
  };
}

/**
 * An incremental HTTP/1.1 request parser. `push` appends bytes as they arrive from the socket; `next` parses as far
 * as it can and returns a `head` event when a request's head is complete, a `request` event when its body is too,
 * or undefined when it needs more bytes. Bytes after a request stay buffered for the next one (pipelining).
 */
export class RequestParser {
  private buffer: Buffer = EMPTY;
  private offset = 0;
  private state: State = 'request-line';
  private request = newRequest();
  private emptyLines = 0;
  private headerCount = 0;
  private headerBytes = 0;
  /** Bytes left in the body (Content-Length) or in the current chunk. */
  private remaining = 0;
  private bodyBytes = 0;
  private bodyParts: Buffer[] = [];

  constructor(private readonly limits: Limits) {}

  push(chunk: Buffer): void {
    if (this.offset >= this.buffer.length) {
      this.buffer = chunk;
    } else {
      this.buffer = Buffer.concat([this.buffer.subarray(this.offset), chunk]);
    }
    this.offset = 0;
  }

  /** Bytes received but not parsed yet. */
  get bufferedBytes(): number {
    return this.buffer.length - this.offset;
  }

  /** No byte of a next request has arrived. */
  get idle(): boolean {
    return this.state === 'request-line' && this.offset >= this.buffer.length;
  }

  /** Part of a head has arrived, but not all of it: the window that the headers timeout guards. */
  get readingHead(): boolean {
    return this.state === 'headers' || (this.state === 'request-line' && !this.idle);
  }

  next(): ParseEvent | undefined {
    for (;;) {
      switch (this.state) {
        case 'request-line': {
          const line = this.readLine(this.limits.maxRequestLineBytes, 414, 'the request line is too long');
          if (line === undefined) return undefined;
          if (line === '') {
            this.skipEmptyLine();
            break;
          }
          Object.assign(this.request, parseRequestLine(line, this.limits));
          this.state = 'headers';
          break;
        }
        case 'headers': {
          const line = this.readHeaderSectionLine();
          if (line === undefined) return undefined;
          if (line !== '') {
            this.onHeaderLine(line, this.request.headers);
            break;
          }
          return this.endOfHead();
        }
        case 'body': {
          if (!this.readBodyBytes()) return undefined;
          this.state = 'done';
          break;
        }
        case 'chunk-size': {
          const line = this.readLine(MAX_CHUNK_LINE_BYTES, 400, 'the chunk-size line is too long');
          if (line === undefined) return undefined;
          this.remaining = parseChunkSize(line, this.bodyBytes, this.limits);
          this.state = this.remaining === 0 ? 'trailers' : 'chunk-data';
          break;
        }
        case 'chunk-data': {
          if (!this.readBodyBytes()) return undefined;
          this.state = 'chunk-end';
          break;
        }
        case 'chunk-end': {
          if (this.buffer.length - this.offset < 2) return undefined;
          if (this.buffer[this.offset] !== CR || this.buffer[this.offset + 1] !== LF) {
            throw new HttpError({ status: 400, message: 'chunk data must end with CRLF' });
          }
          this.offset += 2;
          this.state = 'chunk-size';
          break;
        }
        case 'trailers': {
          const line = this.readHeaderSectionLine();
          if (line === undefined) return undefined;
          if (line !== '') {
            this.onHeaderLine(line, this.request.trailers);
            break;
          }
          this.state = 'done';
          break;
        }
        case 'done':
          return { type: 'request', request: this.finishRequest() };
      }
    }
  }

  /** Counts one header (or trailer) field line against the limits, parses it and stores its value. */
  private onHeaderLine(line: string, fields: HeaderMap): void {
    // #exercise 1.2
    this.headerCount += 1;
    this.headerBytes += line.length + 2;
    if (this.headerCount > this.limits.maxHeaderCount) {
      throw new HttpError({ status: 431, message: 'too many header fields' });
    }
    if (this.headerBytes > this.limits.maxHeaderBytes) {
      throw new HttpError({ status: 431, message: 'the header fields are too large' });
    }
    const { name, value } = parseHeaderLine(line);
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
    // #end
  }

  private endOfHead(): ParseEvent {
    const head = this.request;
    validateHeaders(head);
    const framing = framingOf(head, this.limits);
    if (framing.kind === 'length') {
      this.remaining = framing.length;
      this.state = 'body';
    } else {
      this.state = framing.kind === 'chunked' ? 'chunk-size' : 'done';
    }
    return { type: 'head', head, framing };
  }

  /**
   * Takes the next line off the buffer, without its CRLF, decoded as latin1 so that each byte stays one character.
   * Returns undefined while the line is incomplete, and gives up with `status` once it is longer than `maxBytes`.
   */
  private readLine(maxBytes: number, status: number, message: string): string | undefined {
    const lf = this.buffer.indexOf(LF, this.offset);
    if (lf === -1) {
      if (this.buffer.length - this.offset > maxBytes + 1) throw new HttpError({ status, message });
      return undefined;
    }
    if (lf === this.offset || this.buffer[lf - 1] !== CR) {
      throw new HttpError({ status: 400, message: 'lines must end with CRLF' });
    }
    const line = this.buffer.toString('latin1', this.offset, lf - 1);
    this.offset = lf + 1;
    return line;
  }

  private readHeaderSectionLine(): string | undefined {
    const budget = Math.max(this.limits.maxHeaderBytes - this.headerBytes, 0);
    return this.readLine(budget, 431, 'the header fields are too large');
  }

  private skipEmptyLine(): void {
    this.emptyLines += 1;
    if (this.emptyLines > MAX_EMPTY_LINES) {
      throw new HttpError({ status: 400, message: 'too many empty lines' });
    }
  }

  /** Moves up to `remaining` body bytes from the buffer; true once all of them have arrived. */
  private readBodyBytes(): boolean {
    const available = Math.min(this.remaining, this.buffer.length - this.offset);
    if (available > 0) {
      this.bodyParts.push(this.buffer.subarray(this.offset, this.offset + available));
      this.offset += available;
      this.remaining -= available;
      this.bodyBytes += available;
    }
    return this.remaining === 0;
  }

  private finishRequest(): HttpRequest {
    const request = this.request;
    if (this.bodyParts.length > 0) request.body = Buffer.concat(this.bodyParts);
    this.state = 'request-line';
    this.request = newRequest();
    this.emptyLines = 0;
    this.headerCount = 0;
    this.headerBytes = 0;
    this.bodyBytes = 0;
    this.bodyParts = [];
    if (this.offset >= this.buffer.length) {
      this.buffer = EMPTY;
      this.offset = 0;
    }
    return request;
  }
}
