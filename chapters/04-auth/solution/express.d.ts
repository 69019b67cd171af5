import type { User } from './users/user.types';

// Declaration merging: every Express request carries the id that the request-id middleware gives it, and, on
// operations that need authentication, the user that expressAuthentication() found.
declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: User;
    }
  }
}

export {};
