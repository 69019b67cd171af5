import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

// Declaration merging is the way Express documents for typing what middleware adds to a request.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request's id, given by {@link requestContext}. */
      id: string;
    }
  }
}

/** What the library knows about the request being served, wherever the code runs. */
export interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The header that carries a request's id, in and out. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

// A caller's id ends up in our logs and headers, so only short, plain tokens are trusted.
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is safe, a new UUID otherwise), echoes it in the
 * response, and runs the rest of the pipeline inside an AsyncLocalStorage context, so that every log line written
 * while serving the request, in any layer, carries the id without being handed it.
 */
export function requestContext(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    req.id = incoming !== undefined && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, req.id);
    storage.run({ requestId: req.id }, next);
  };
}

/** The context of the request being served, or undefined outside of one. */
export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The id of the request being served, or undefined outside of one (at startup, in a timer of its own). */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `fn` as part of the request `requestId`: a queued job can carry on the id of the request that queued it. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}
