import { HttpError } from '../http/http.error';

export type Params = Record<string, string>;

/**
 * Matches a path such as `/notes/42` against a pattern such as `/notes/:id`, segment by segment.
 * Returns the decoded parameters, or undefined when the path does not match.
 */
export function matchPath(pattern: string, path: string): Params | undefined {
  // #exercise 1.6: Route requests. Stuck? pnpm course hint 1.6
  throw new Error('Exercise 1.6 is not done yet: Route requests');
  // #end
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError({ status: 400, message: `invalid percent-encoding in ${segment}` });
  }
}
