export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Settles like `work`, or rejects with a TimeoutError after `ms`, whichever comes first. The work itself goes on;
 * only the caller stops waiting for it. A cache that answers late is no better than one that doesn't answer.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  // #exercise 5.8
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms);
  });
  // The loser of the race may still reject; swallow that, or Node reports an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  // #starter
  // return work;
  // #end
}
