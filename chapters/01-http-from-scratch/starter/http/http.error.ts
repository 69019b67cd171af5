export interface HttpErrorOptions {
  status: number;
  message: string;
  /** Extra response headers, such as `Allow` on a 405. */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The chapter's one error type. Whatever fails with a known HTTP status throws an HttpError; the router turns it
 * into a response, and the connection layer answers it and closes the connection.
 */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor({ status, message, headers = {}, cause }: HttpErrorOptions) {
    super(message, { cause });
    this.status = status;
    this.headers = headers;
  }
}
