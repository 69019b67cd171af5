import { performance } from 'node:perf_hooks';
import type { RequestHandler } from 'express';
import type { Logger } from './logger';

/**
 * Logs one line per request when it is over: who asked for what, the answer, and how long it took. It listens for
 * 'close', which also fires when the client goes away before the response is complete; such a line says `aborted`.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (!logger.isInfoEnabled()) {
      next();
      return;
    }
    const started = performance.now();
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
