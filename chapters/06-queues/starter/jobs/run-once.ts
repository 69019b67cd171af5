import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '@course/platform/database';

export interface Once<T> {
  /** False when an earlier delivery of the job already applied the effect. */
  applied: boolean;
  /** The effect's result, from this run or from the one that applied it. */
  result: T;
}

/**
 * Applies a job's effect at most once, however often the job is delivered. The guard (a row in processed_jobs,
 * unique per job) and the effect are written in one transaction: both happen, or neither does. Two deliveries
 * at the same moment queue up on the guard's unique index, and the second sees the first's row.
 */
export async function runOnce<T>(
  pool: Pool,
  jobId: string,
  effect: (client: PoolClient) => Promise<T>,
): Promise<Once<T>> {
  return withTransaction(pool, async (client) => {
    // #exercise 6.5: Apply the effect once. Stuck? pnpm course hint 6.5
    throw new Error('Exercise 6.5 is not done yet: Apply the effect once');
    // #end
  });
}
