import type { Pool } from 'pg';
import { withTransaction } from '@course/platform/database';
import type { QueueLogger } from '../queue/job.types';
import type { ReliableQueue } from '../queue/reliable-queue';

interface OutboxRow {
  id: string;
  job_id: string;
  name: string;
  payload: unknown;
}

/**
 * Moves up to `limit` pending outbox rows of `queue` into Redis and marks them relayed; returns how many.
 * When Redis is down, enqueue throws, the transaction rolls back, and the rows wait for the next round.
 * A relay that dies after enqueueing and before committing enqueues the rows again next time; enqueue with the
 * job's own id makes that harmless. Several relays may run: SKIP LOCKED gives each its own rows.
 */
export async function relayOutbox(pool: Pool, queue: ReliableQueue, limit = 100): Promise<number> {
  return withTransaction(pool, async (client) => {
    // #exercise 6.6
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, job_id, name, payload FROM outbox
        WHERE relayed_at IS NULL AND queue = $1
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [queue.name, limit],
    );
    for (const row of rows) await queue.enqueue(row.name, row.payload, { id: row.job_id });
    if (rows.length > 0) {
      await client.query('UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ]);
    }
    return rows.length;
    // #end
  });
}

export interface OutboxRelay {
  stop(): Promise<void>;
}

/** Relays every `intervalMs`, and at once again while a round finds a full batch. */
export function startOutboxRelay(options: {
  pool: Pool;
  queue: ReliableQueue;
  intervalMs?: number;
  logger?: QueueLogger;
}): OutboxRelay {
  const { pool, queue, intervalMs = 200, logger } = options;
  let stopped = false;
  let wake: () => void = () => {};
  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && (await relayOutbox(pool, queue)) === 100);
      } catch (error) {
        logger?.warn('outbox relay failed; the rows stay pending', {
          queue: queue.name,
          error: String(error),
        });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wake();
      await loop;
    },
  };
}
