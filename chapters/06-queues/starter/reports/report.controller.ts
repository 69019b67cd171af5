import { PROBLEM_JSON, validationError } from '@course/platform/errors';
import { Body, Controller, Header, Post, Response, Route, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Problem } from '../http/problem.types';
import { jobLocation } from '../http/paths';
import type { JobAccepted } from '../jobs/job-view.types';
import type { ReportService } from './report.service';
import type { ReportKind } from './report.types';

export interface ReportRequest {
  kind: ReportKind;
}

/** Printable ASCII without spaces, as keys made by clients (UUIDs, ULIDs) are. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

@Route('reports')
@Tags('Reports')
export class ReportController extends Controller {
  constructor(private readonly reports: ReportService) {
    super();
  }

  /**
   * Asks for a report, built in the background. The answer is 202 Accepted with the job's Location.
   * Sending the same Idempotency-Key again returns the same job, so a client may retry a request whose answer it
   * never got.
   * @param idempotencyKey 1 to 255 printable ASCII characters, such as a UUID made by the client.
   */
  @Post()
  @SuccessResponse<{ Location: string }>(202, 'Accepted')
  @Response<Problem>(400, 'Malformed JSON', undefined, PROBLEM_JSON)
  @Response<Problem>(415, 'Unsupported media type', undefined, PROBLEM_JSON)
  @Response<Problem>(
    422,
    'Validation failed, or the Idempotency-Key was used for another request',
    undefined,
    PROBLEM_JSON,
  )
  @Response<Problem>(500, 'Internal Server Error', undefined, PROBLEM_JSON)
  public async requestReport(
    @Body() body: ReportRequest,
    @Header('Idempotency-Key') idempotencyKey?: string,
  ): Promise<JobAccepted> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw validationError('header.Idempotency-Key', 'must be 1 to 255 printable ASCII characters');
    }
    const { id, created } = await this.reports.request(body.kind, idempotencyKey);
    this.setStatus(202);
    this.setHeader('Location', jobLocation(id));
    if (!created) this.setHeader('Idempotent-Replayed', 'true');
    return { jobId: id, statusUrl: jobLocation(id) };
  }
}
