import type { Viewer } from './auth/viewer';

declare global {
  namespace Express {
    interface Request {
      /** Set by tsoa's authentication (auth/authentication.ts) on operations marked @Security('Token'). */
      user?: Viewer;
    }
  }
}

export {};
