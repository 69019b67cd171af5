import { parseUuid } from '@course/platform/database';
import { AppError } from '@course/platform/errors';
import type { Pool } from 'pg';
import '../errors';
import type { JobInfo } from '../queue/job.types';
import type { ReliableQueue } from '../queue/reliable-queue';
import type { JobView } from './job-view.types';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function toView(job: JobInfo): JobView {
  return {
    id: job.id,
    name: job.name,
    state: job.state,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: iso(job.createdAt)!,
    runAt: iso(job.runAt),
    finishedAt: iso(job.finishedAt),
    result: job.result,
    error: job.error,
  };
}

/** Reads jobs for the API: from the queue, or from the outbox while the relay has not moved them yet. */
export class JobService {
  constructor(
    private readonly pool: Pool,
    private readonly queue: ReliableQueue,
  ) {}

  async find(rawId: string): Promise<JobView> {
    const id = parseUuid(rawId);
    if (id === undefined) throw notFound(rawId);
    const job = await this.queue.getJob(id);
    if (job) return toView(job);
    const { rows } = await this.pool.query<{ name: string; created_at: Date }>(
      'SELECT name, created_at FROM outbox WHERE job_id = $1 AND relayed_at IS NULL',
      [id],
    );
    const pending = rows[0];
    if (!pending) throw notFound(rawId);
    return {
      id,
      name: pending.name,
      state: 'pending',
      attempts: 0,
      maxAttempts: this.queue.maxAttempts,
      createdAt: pending.created_at.toISOString(),
    };
  }

  async deadLetters(limit: number): Promise<JobView[]> {
    return (await this.queue.deadLetters(limit)).map(toView);
  }

  async replay(rawId: string): Promise<JobView> {
    const id = parseUuid(rawId);
    if (id === undefined || !(await this.queue.replay(id))) {
      throw new AppError({ code: 'DEAD_LETTER_NOT_FOUND', message: `No dead-lettered job has id ${rawId}.` });
    }
    return this.find(id);
  }
}

function notFound(id: string): AppError {
  return new AppError({ code: 'JOB_NOT_FOUND', message: `No job has id ${id}.` });
}
