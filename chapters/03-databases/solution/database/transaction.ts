import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in a transaction on one connection of the pool: every statement in it is kept (COMMIT) or, if
 * anything throws, none is (ROLLBACK). Statements outside `client` would run on other connections, outside it.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  // #exercise 3.3
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
      client.release();
    } catch (rollbackError) {
      // The connection is in an unknown state: close it instead of handing it to the next caller.
      client.release(rollbackError instanceof Error ? rollbackError : true);
    }
    throw error;
  }
  // #starter
  // throw new Error('Exercise 3.3 is not done yet: write withTransaction()');
  // #end
}
