import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from 'winston';

/** Logs one line per request when its response is done: who asked for what, the answer, and how long it took. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    // #exercise 2.7: Request ids and access logs. Stuck? pnpm course hint 2.7
    // #end
    next();
  };
}
