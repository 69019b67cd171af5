import { HttpError } from '../http/http.error';

export type Params = Record<string, string>;

/**
 * Matches a path such as `/notes/42` against a pattern such as `/notes/:id`, segment by segment.
 * Returns the decoded parameters, or undefined when the path does not match.
 */
export function matchPath(pattern: string, path: string): Params | undefined {
  // #exercise 1.6
  const wanted = pattern.split('/');
  const actual = path.split('/');
  if (wanted.length !== actual.length) return undefined;
  const params: Params = {};
  for (const [index, segment] of wanted.entries()) {
    const value = actual[index] ?? '';
    if (segment.startsWith(':')) {
      if (value === '') return undefined;
      params[segment.slice(1)] = decodeSegment(value);
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
  // #end
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError({ status: 400, message: `invalid percent-encoding in ${segment}` });
  }
}
