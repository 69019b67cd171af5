// Declaration merging: every Express request carries the id that the request-id middleware gives it.
declare global {
  namespace Express {
    interface Request {
      id: string;
    }
  }
}

export {};
