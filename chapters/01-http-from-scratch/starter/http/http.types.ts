export type HttpVersion = 'HTTP/1.0' | 'HTTP/1.1';

/** Field values by lowercase field name, in the order they arrived. */
export type HeaderMap = Map<string, string[]>;

export interface RequestLine {
  method: string;
  target: string;
  version: HttpVersion;
}

export interface HeaderField {
  /** Lowercase: field names are case-insensitive (RFC 9110 §5.1). */
  name: string;
  value: string;
}

export interface RequestHead extends RequestLine {
  headers: HeaderMap;
}

export interface HttpRequest extends RequestHead {
  body: Buffer;
  /** Fields sent after the last chunk of a chunked body (RFC 9112 §7.1.2). */
  trailers: HeaderMap;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Handler = (request: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** How the length of a request body is known (RFC 9112 §6.3). */
export type Framing = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' };
