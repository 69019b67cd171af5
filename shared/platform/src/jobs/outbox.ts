import { setTimeout as sleep } from 'node:timers/promises';
import type { Queue } from 'bullmq';
import type { Pool, PoolClient } from 'pg';
import { withTransaction } from '../database/transaction';
import type { Logger } from '../logging/logger';
import { addJob } from './job-queue';

/**
 * The tables the jobs module needs, for an app's migrations: the outbox, and the guard of {@link runOnce}.
 * Copy it into a migration; the library never changes an app's schema by itself.
 */
export const JOBS_SCHEMA_SQL = `
CREATE TABLE job_outbox (
  id bigserial PRIMARY KEY,
  job_id text NOT NULL UNIQUE,
  queue text NOT NULL,
  name text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  relayed_at timestamptz
);
CREATE INDEX job_outbox_pending ON job_outbox (id) WHERE relayed_at IS NULL;
CREATE TABLE processed_jobs (
  job_id text PRIMARY KEY,
  result jsonb,
  processed_at timestamptz NOT NULL DEFAULT now()
);
`;

/** A job to write to the outbox. */
export interface OutboxJob {
  queue: string;
  name: string;
  payload: unknown;
  /** The BullMQ job id, chosen now so the caller can answer with it (a 202's Location). Not an integer. */
  jobId: string;
}

/**
 * Writes a job to the outbox on `client`, inside the caller's transaction: the job exists exactly when the rows it
 * belongs to do, whatever Redis is doing. The relay moves it to the queue later.
 */
export async function writeToOutbox(client: PoolClient, job: OutboxJob): Promise<void> {
  await client.query('INSERT INTO job_outbox (job_id, queue, name, payload) VALUES ($1, $2, $3, $4)', [
    job.jobId,
    job.queue,
    job.name,
    JSON.stringify(job.payload ?? null),
  ]);
}

/** How {@link relayOutbox} moves rows. */
export interface RelayOptions {
  pool: Pool;
  /** The queues the relay serves, by name; rows of other queues are left for another relay. */
  queues: readonly Queue[];
  /** Rows per round; 100 by default. */
  limit?: number;
  /** How long one add() may take before the round gives up and rolls back; 5 s by default. */
  addTimeoutMs?: number;
}

interface OutboxRow {
  id: string;
  job_id: string;
  queue: string;
  name: string;
  payload: unknown;
}

/**
 * Moves pending outbox rows to their queues under their job ids and marks them relayed, in one transaction;
 * returns how many. When Redis is down the round fails and rolls back, and the rows wait for the next one. A relay
 * that dies after adding and before committing adds the same ids again next time, which BullMQ ignores. Several
 * relays can run: SKIP LOCKED gives each its own rows.
 */
export async function relayOutbox({
  pool,
  queues,
  limit = 100,
  addTimeoutMs = 5_000,
}: RelayOptions): Promise<number> {
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, job_id, queue, name, payload FROM job_outbox
        WHERE relayed_at IS NULL AND queue = ANY($1::text[])
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [[...byName.keys()], limit],
    );
    for (const row of rows) {
      const added = addJob(byName.get(row.queue)!, row.name, row.payload, { jobId: row.job_id });
      const timeout = new AbortController();
      const late = sleep(addTimeoutMs, undefined, { signal: timeout.signal }).then(
        () =>
          Promise.reject(new Error(`adding job ${row.job_id} to ${row.queue} took over ${addTimeoutMs} ms`)),
        () => undefined,
      );
      try {
        await Promise.race([added, late]);
      } finally {
        timeout.abort();
      }
    }
    if (rows.length > 0) {
      await client.query('UPDATE job_outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ]);
    }
    return rows.length;
  });
}

/** A running relay. */
export interface OutboxRelay {
  stop(): Promise<void>;
}

/** Relays every `intervalMs` (200 ms by default), and again at once while rounds come back full. */
export function startOutboxRelay(
  options: RelayOptions & { intervalMs?: number; logger?: Logger },
): OutboxRelay {
  const { intervalMs = 200, logger, limit = 100 } = options;
  let stopped = false;
  const wait = new AbortController();
  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && (await relayOutbox(options)) === limit);
      } catch (error) {
        logger?.warn('outbox relay failed; the rows stay pending', { error: String(error) });
      }
      await sleep(intervalMs, undefined, { signal: wait.signal }).catch(() => {});
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      wait.abort();
      await loop;
    },
  };
}
