import { headerValue } from './http/header-fields';
import type { Handler } from './http/http.types';
import { loadConfig } from './config';
import { serve } from './serve';

/** Answers every method and path with 200 and the request's own body: a target for curl and nc. */
export const echoHandler: Handler = (request) => ({
  status: 200,
  headers: { 'content-type': headerValue(request.headers, 'content-type') ?? 'application/octet-stream' },
  body: request.body,
});

if (require.main === module) {
  serve('Echo server', echoHandler, loadConfig().port).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
