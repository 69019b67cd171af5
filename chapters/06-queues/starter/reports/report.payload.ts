import { isUuid } from '@course/platform/database';
import { PermanentJobError } from '../queue/job.errors';
import { REPORT_KINDS, type ReportKind, type ReportPayload } from './report.types';

/**
 * Checks a report job's payload. A payload that is wrong now will be wrong on every retry, so it is a
 * PermanentJobError: one attempt, then the dead-letter list.
 */
export function parseReportPayload(payload: unknown): ReportPayload {
  const value = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const { reportId, kind } = value;
  if (typeof reportId !== 'string' || !isUuid(reportId)) {
    throw new PermanentJobError('invalid payload: reportId must be a UUID');
  }
  if (!REPORT_KINDS.includes(kind as ReportKind)) {
    throw new PermanentJobError(`invalid payload: kind must be one of ${REPORT_KINDS.join(', ')}`);
  }
  return { reportId, kind: kind as ReportKind };
}
