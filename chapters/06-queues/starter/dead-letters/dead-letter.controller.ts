import { PROBLEM_JSON } from '@course/platform/errors';
import { Controller, Get, Path, Post, Query, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Problem } from '../http/problem.types';
import { jobLocation } from '../http/paths';
import type { DeadLetterList, JobAccepted } from '../jobs/job-view.types';
import type { JobService } from '../jobs/job.service';

@Route('dead-letters')
@Tags('Dead letters')
export class DeadLetterController extends Controller {
  constructor(private readonly jobs: JobService) {
    super();
  }

  /**
   * The jobs that failed for good, newest first: out of attempts, or refused as unrecoverable.
   * @param limit How many to list.
   * @isInt limit
   * @minimum limit 1
   * @maximum limit 100
   */
  @Get()
  @Response<Problem>(422, 'Validation failed', undefined, PROBLEM_JSON)
  @Response<Problem>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async listDeadLetters(@Query() limit = 20): Promise<DeadLetterList> {
    return { items: await this.jobs.deadLetters(limit) };
  }

  /** Puts a dead-lettered job back in the queue with fresh attempts, once the cause is fixed. */
  @Post('{jobId}/replay')
  @SuccessResponse<{ Location: string }>(202, 'Accepted')
  @Response<Problem>(400, 'The job id is not a valid percent-encoded path segment', undefined, PROBLEM_JSON)
  @Response<Problem>(404, 'Dead letter not found', undefined, PROBLEM_JSON)
  @Response<Problem>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async replayDeadLetter(@Path() jobId: string): Promise<JobAccepted> {
    const job = await this.jobs.replay(jobId);
    this.setStatus(202);
    this.setHeader('Location', jobLocation(job.id));
    return { jobId: job.id, statusUrl: jobLocation(job.id) };
  }
}
