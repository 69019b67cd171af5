export const REPORT_KINDS = ['stock', 'authors'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** The job name under which reports are queued. */
export const REPORT_JOB = 'build-report';

/** What a report job carries: ids, never the data itself (the data may change, and Redis holds payloads in RAM). */
export interface ReportPayload {
  reportId: string;
  kind: ReportKind;
}
