import type { Pool, PoolClient } from 'pg';

/** A count of the statements sent through a pool. */
export interface QueryCounter {
  /** Queries sent since the counter was made or last reset, from pg and from Prisma alike. */
  readonly count: number;
  reset(): void;
}

/**
 * Counts the statements sent through `pool`, by wrapping the query method of every connection it hands out. Tests
 * and benchmarks use it to see N+1: the number of queries behind one request should not grow with the data.
 */
export function countQueries(pool: Pool): QueryCounter {
  let count = 0;
  const wrapped = new WeakSet<PoolClient>();
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      count += 1;
      return query(...args);
    }) as PoolClient['query'];
  });
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
  };
}
