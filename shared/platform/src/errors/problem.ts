import type { FieldError } from './app-error';

/** The media type of every error response (RFC 9457 §3). */
export const PROBLEM_JSON = 'application/problem+json';

/** An RFC 9457 problem details object, extended with a stable `code` and, for 422, the invalid fields. */
export interface ProblemDetails {
  /** A URI that names the kind of problem. */
  type: string;
  /** A short summary of the kind of problem; the same for every occurrence. */
  title: string;
  /** @isInt */
  status: number;
  /** What went wrong in this occurrence. */
  detail: string;
  /** The path of the request that failed; absent when the request could not even be parsed. */
  instance?: string;
  /**
   * The stable error code, which clients branch on: one of the registered ErrorCode values. Typed as a string here
   * because tsoa reads this type for the OpenAPI document and cannot follow `Extract<keyof ErrorCodes, string>`.
   */
  code: string;
  /** The invalid fields of a 422. */
  errors?: FieldError[];
}
