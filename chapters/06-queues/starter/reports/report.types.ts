/** `stock`: titles, copies and titles out of stock; `authors`: the ten authors with the most titles. */
export type ReportKind = 'stock' | 'authors';
export const REPORT_KINDS: readonly ReportKind[] = ['stock', 'authors'];

/** The job name under which reports are queued. */
export const REPORT_JOB = 'build-report';

/** What a report job carries: ids, never the data itself (the data may change, and Redis holds payloads in RAM). */
export interface ReportPayload {
  reportId: string;
  kind: ReportKind;
}
