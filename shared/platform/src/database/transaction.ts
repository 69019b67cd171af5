import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in a transaction on one connection of the pool: every statement in it is kept (COMMIT) or, if anything
 * throws, none is (ROLLBACK), and the error is rethrown. Statements sent outside `client` would run on other
 * connections, outside the transaction. A connection whose ROLLBACK fails is closed rather than handed to the next
 * caller in an unknown state.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
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
      client.release(rollbackError instanceof Error ? rollbackError : true);
    }
    throw error;
  }
}
