import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from 'winston';

/** Logs one line per request when its response is done: who asked for what, the answer, and how long it took. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    // 'close' also fires when the client goes away before the response is complete.
    res.once('close', () => {
      logger.info('request completed', {
        requestId: req.id,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ...(!res.writableFinished && { aborted: true }),
      });
    });
    next();
  };
}
