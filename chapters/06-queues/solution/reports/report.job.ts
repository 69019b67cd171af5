import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { runOnce } from '../jobs/run-once';
import type { JobHandler } from '../queue/job.types';
import { buildReport } from './report.builder';
import { parseReportPayload } from './report.payload';

export interface ReportJobOptions {
  pool: Pool;
  /**
   * A pause after the report is stored and before the job is acknowledged, standing in for slow work such as
   * mailing the report out. The demos and the crash tests use it to widen the window in which a worker can die
   * with its effect committed and its job not yet acknowledged.
   */
  deliveryMs?: number;
}

/** The handler of `build-report` jobs: builds the report and stores it once, however often the job is delivered. */
export function reportJobHandler(options: ReportJobOptions): JobHandler {
  return async (job) => {
    const payload = parseReportPayload(job.payload);
    const { result } = await runOnce(options.pool, job.id, async (client) => {
      const body = await buildReport(client, payload.kind);
      await client.query('INSERT INTO report_files (report_id, job_id, body) VALUES ($1, $2, $3)', [
        payload.reportId,
        job.id,
        JSON.stringify(body),
      ]);
      return body;
    });
    if (options.deliveryMs) await sleep(options.deliveryMs);
    return result;
  };
}
