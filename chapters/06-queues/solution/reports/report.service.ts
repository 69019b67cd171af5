import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '@course/platform/errors';
import type { Pool } from 'pg';
import { withTransaction } from '@course/platform/database';
import '../errors';
import { REPORT_JOB, type ReportKind, type ReportPayload } from './report.types';

export interface RequestedReport {
  /** The report's id, which is also its job's id. */
  id: string;
  /** False when an earlier request with the same Idempotency-Key made it. */
  created: boolean;
}

export class ReportService {
  constructor(
    private readonly pool: Pool,
    /** The queue the outbox relay will move the job to. */
    private readonly queueName: string,
  ) {}

  /**
   * Records a report request and its job in one transaction, through the outbox: the job is as durable as the
   * row, whatever Redis is doing at this moment. A repeated Idempotency-Key returns the first request's report.
   */
  async request(kind: ReportKind, idempotencyKey?: string): Promise<RequestedReport> {
    const requestHash = createHash('sha256').update(JSON.stringify({ kind })).digest('hex');
    return withTransaction(this.pool, async (client) => {
      // #exercise 6.6
      const id = randomUUID();
      // NULL keys never conflict, so requests without a key always insert.
      const inserted = await client.query(
        `INSERT INTO reports (id, kind, idempotency_key, request_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [id, kind, idempotencyKey ?? null, requestHash],
      );
      if (inserted.rowCount === 0) {
        const { rows } = await client.query<{ id: string; request_hash: string }>(
          'SELECT id, request_hash FROM reports WHERE idempotency_key = $1',
          [idempotencyKey],
        );
        if (rows[0]!.request_hash !== requestHash) {
          throw new AppError({
            code: 'IDEMPOTENCY_KEY_REUSED',
            message: 'This key was used for a different request.',
          });
        }
        return { id: rows[0]!.id, created: false };
      }
      const payload: ReportPayload = { reportId: id, kind };
      await client.query('INSERT INTO outbox (job_id, queue, name, payload) VALUES ($1, $2, $3, $4)', [
        id,
        this.queueName,
        REPORT_JOB,
        JSON.stringify(payload),
      ]);
      return { id, created: true };
      // #end
    });
  }
}
