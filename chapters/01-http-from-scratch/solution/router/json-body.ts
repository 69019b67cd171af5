import { headerValue } from '../http/header-fields';
import { HttpError } from '../http/http.error';
import type { HttpRequest } from '../http/http.types';

/** The request body parsed as JSON: 415 unless it is labelled JSON, 400 when it is not valid JSON. */
export function readJson(request: HttpRequest): unknown {
  // #exercise 1.6
  // Media types are case-insensitive and may carry parameters such as charset (RFC 9110 §8.3.1).
  const mediaType = (headerValue(request.headers, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HttpError({
      status: 415,
      message: 'the body must be application/json',
      headers: { accept: 'application/json' },
    });
  }
  try {
    return JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    throw new HttpError({ status: 400, message: 'the body is not valid JSON', cause: error });
  }
  // #end
}
