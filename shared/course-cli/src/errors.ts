/** How the CLI ends: 2 when it was called wrongly, 1 when what it checked or ran failed. */
export type ExitCode = 1 | 2;

export class CourseError extends Error {
  override name = 'CourseError';
  readonly exitCode: ExitCode;

  constructor(options: { message: string; exitCode: ExitCode; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.exitCode = options.exitCode;
  }
}

/** The command line names something that does not exist or misses an argument. */
export function usageError(message: string): CourseError {
  return new CourseError({ message, exitCode: 2 });
}

/** The command was understood but could not do its job. */
export function failure(message: string, cause?: unknown): CourseError {
  return new CourseError({ message, exitCode: 1, cause });
}
