import type { User } from './users/user.types';

// Declaration merging: on operations that need authentication, every Express request carries the user that
// expressAuthentication() found. (The request id comes from the library's request context.)
declare global {
  namespace Express {
    interface Request {
      user?: User;
    }
  }
}

export {};
