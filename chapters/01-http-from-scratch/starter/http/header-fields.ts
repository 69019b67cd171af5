import { HttpError } from './http.error';
import type { HeaderField, HeaderMap, RequestHead } from './http.types';
import { HTAB, SP, isFieldValue, isToken, trimOws } from './grammar';

/** uri-host [ ":" port ]: letters, digits and the few symbols a host, an IPv6 literal or a port can hold. */
const HOST = /^[A-Za-z0-9.\-_~!$&'()*+,;=%[\]:]*$/;

/** field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). */
export function parseHeaderLine(line: string): HeaderField {
  // #exercise 1.2: Parse the header fields. Stuck? pnpm course hint 1.2
  throw new Error('Exercise 1.2 is not done yet: parseHeaderLine()');
  // #end
}

/** Rules that need the whole header section: Host (RFC 9112 §3.2). */
export function validateHeaders(head: RequestHead): void {
  // #exercise 1.2: Parse the header fields. Stuck? pnpm course hint 1.2
  throw new Error('Exercise 1.2 is not done yet: validateHeaders()');
  // #end
}

/** The field's values joined with ", ", which is how RFC 9110 §5.3 combines repeated fields. */
export function headerValue(headers: HeaderMap, name: string): string | undefined {
  return headers.get(name)?.join(', ');
}

/** Comma-separated list elements of a field, lowercased, empty ones skipped (RFC 9110 §5.6.1). */
export function headerTokens(headers: HeaderMap, name: string): string[] {
  const tokens: string[] = [];
  for (const value of headers.get(name) ?? []) {
    for (const item of value.split(',')) {
      const token = trimOws(item).toLowerCase();
      if (token !== '') tokens.push(token);
    }
  }
  return tokens;
}
