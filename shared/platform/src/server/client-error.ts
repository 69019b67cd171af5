import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/error-codes';
import { problemDetails } from '../errors/error.middleware';
import { PROBLEM_JSON } from '../errors/problem';
import type { Logger } from '../logging/logger';

/** What Node's HTTP parser reports in a 'clientError' event. */
type ParserError = Error & { code?: string };

function codeFor(error: ParserError): { code: ErrorCode; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'HEADERS_TOO_LARGE',
        message: 'The request line and headers are larger than the server accepts.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'REQUEST_TIMEOUT', message: 'The request did not arrive in time.' };
    default:
      return { code: 'BAD_REQUEST', message: 'The request is not valid HTTP/1.1.' };
  }
}

/**
 * A 'clientError' listener for an http.Server. Node's parser rejects some requests before any JavaScript sees them
 * (a request line over the header limit, a malformed header, a request that never finishes arriving); by default
 * Node answers those with a bare status line and no body. This answers them with problem+json like every other
 * error (there is no request path to put in `instance`), logs them at info, and closes the connection.
 */
export function clientErrorHandler(
  logger: Logger,
  problemTypeBase: string,
): (error: ParserError, socket: Duplex) => void {
  return (error, socket) => {
    // A connection the client reset has nobody left to answer.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const appError = new AppError({ ...codeFor(error), cause: error });
    const body = JSON.stringify(problemDetails(appError, problemTypeBase));
    logger.info('request rejected', {
      status: appError.status,
      code: appError.code,
      parserError: error.code,
    });
    socket.end(
      [
        `HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status] ?? ''}`,
        `Content-Type: ${PROBLEM_JSON}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  };
}
