import type { ProblemDetails } from '@course/platform/errors';

/**
 * The problem+json body as the OpenAPI document shows it: the library's ProblemDetails with `code` as a string.
 * tsoa turns the library's ErrorCode type (Extract<keyof ErrorCodes, string>) into a schema that refers to itself.
 */
export interface Problem extends Omit<ProblemDetails, 'code'> {
  /** The stable error code, which clients branch on. */
  code: string;
}
