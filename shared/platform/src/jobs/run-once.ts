import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../database/transaction';

/** What {@link runOnce} did. */
export interface Once<T> {
  /** False when an earlier delivery of the job already applied the effect. */
  applied: boolean;
  /** The effect's result, from this run or from the one that applied it. */
  result: T;
}

/**
 * Applies a job's effect at most once however often the job is delivered (queues deliver at least once). The
 * guard row (`processed_jobs`, see JOBS_SCHEMA_SQL) and the effect are written in one transaction: both happen or
 * neither does. Concurrent deliveries queue up on the guard's unique index, and the later ones get the first's result.
 */
export async function runOnce<T>(
  pool: Pool,
  jobId: string,
  effect: (client: PoolClient) => Promise<T>,
): Promise<Once<T>> {
  return withTransaction(pool, async (client) => {
    const guard = await client.query(
      'INSERT INTO processed_jobs (job_id) VALUES ($1) ON CONFLICT (job_id) DO NOTHING',
      [jobId],
    );
    if (guard.rowCount === 0) {
      const { rows } = await client.query<{ result: T }>(
        'SELECT result FROM processed_jobs WHERE job_id = $1',
        [jobId],
      );
      return { applied: false, result: rows[0]!.result };
    }
    const result = await effect(client);
    await client.query('UPDATE processed_jobs SET result = $2 WHERE job_id = $1', [
      jobId,
      JSON.stringify(result ?? null),
    ]);
    return { applied: true, result };
  });
}
