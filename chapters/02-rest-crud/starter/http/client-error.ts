import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'winston';
import { errorCodes, problemType, type ErrorCode } from '../errors/error-codes';
import { PROBLEM_JSON, type ProblemDetails } from '../errors/problem';

/** Node's parser errors that the client caused, by the code that Node gives them. */
function codeOf(error: NodeJS.ErrnoException): ErrorCode {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

/** The path of the request line that Node could not parse, when it looks like one; `/` otherwise. */
function pathOf(error: { rawPacket?: unknown }): string {
  const raw = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1', 0, 2048) : '';
  const target = raw.split('\r\n')[0]?.split(' ')[1] ?? '';
  return /^\/[\x21-\x7e]{0,2000}$/.test(target) ? (target.split('?')[0] ?? '/') : '/';
}

/**
 * Answers what Node's HTTP parser rejects before Express runs (a head over the size limit, a malformed request line,
 * a client too slow to send its head) with a problem+json response, like every other error, instead of Node's bare
 * status line. Give it to `server.on('clientError', ...)`.
 */
export function answerClientError(logger: Logger) {
  return (error: NodeJS.ErrnoException & { rawPacket?: unknown }, socket: Duplex): void => {
    // A client that reset the connection cannot be answered.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const code = codeOf(error);
    const { status, title } = errorCodes[code];
    const instance = pathOf(error);
    logger.info('request rejected', { status, code, path: instance, reason: error.code });
    const problem: ProblemDetails = {
      type: problemType(code),
      title,
      status,
      detail: `${title}: the server could not read the request.`,
      instance,
      code,
    };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_JSON}; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
}
