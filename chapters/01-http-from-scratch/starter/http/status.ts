/** Reason phrases for the status codes this chapter sends (RFC 9110 §15). */
const REASONS: Record<number, string> = {
  100: 'Continue',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  417: 'Expectation Failed',
  422: 'Unprocessable Content',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'HTTP Version Not Supported',
};

/** The reason phrase is only informative (RFC 9112 §4), so an unknown code gets an empty one. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? '';
}

/** 1xx, 204 and 304 responses never have content (RFC 9110 §6.4.1). */
export function hasNoContent(status: number): boolean {
  return status < 200 || status === 204 || status === 304;
}
