import { PROBLEM_JSON } from '@course/platform/errors';
import { Controller, Get, Path, Response, Route, Tags } from '@tsoa/runtime';
import type { Problem } from '../http/problem.types';
import type { JobView } from './job-view.types';
import type { JobService } from './job.service';

@Route('jobs')
@Tags('Jobs')
export class JobController extends Controller {
  constructor(private readonly jobs: JobService) {
    super();
  }

  /** A background job's state, attempts and, once it has completed, its result. */
  @Get('{jobId}')
  @Response<Problem>(400, 'The job id is not a valid percent-encoded path segment', undefined, PROBLEM_JSON)
  @Response<Problem>(404, 'Job not found', undefined, PROBLEM_JSON)
  @Response<Problem>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async getJob(@Path() jobId: string): Promise<JobView> {
    return this.jobs.find(jobId);
  }
}
