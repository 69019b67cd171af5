import { HttpError } from './http.error';
import type { HeaderField, HeaderMap, RequestHead } from './http.types';
import { HTAB, SP, isFieldValue, isToken, trimOws } from './grammar';

/** uri-host [ ":" port ]: letters, digits and the few symbols a host, an IPv6 literal or a port can hold. */
const HOST = /^[A-Za-z0-9.\-_~!$&'()*+,;=%[\]:]*$/;

/** field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). */
export function parseHeaderLine(line: string): HeaderField {
  // #exercise 1.2
  const first = line.charCodeAt(0);
  if (first === SP || first === HTAB) {
    throw new HttpError({ status: 400, message: 'obsolete line folding is not accepted' }); // RFC 9112 §5.2
  }
  const colon = line.indexOf(':');
  if (colon === -1) throw new HttpError({ status: 400, message: 'a header field line needs a colon' });
  const name = line.slice(0, colon);
  // Also rejects whitespace before the colon, which RFC 9112 §5.1 requires a server to refuse.
  if (!isToken(name)) throw new HttpError({ status: 400, message: 'invalid header field name' });
  const value = trimOws(line.slice(colon + 1));
  if (!isFieldValue(value)) throw new HttpError({ status: 400, message: `invalid characters in ${name}` });
  return { name: name.toLowerCase(), value };
  // #end
}

/** Rules that need the whole header section: Host (RFC 9112 §3.2). */
export function validateHeaders(head: RequestHead): void {
  // #exercise 1.2
  const hosts = head.headers.get('host') ?? [];
  if (hosts.length > 1) throw new HttpError({ status: 400, message: 'more than one Host header' });
  const [host] = hosts;
  if (host === undefined && head.version === 'HTTP/1.1') {
    throw new HttpError({ status: 400, message: 'HTTP/1.1 requests need a Host header' });
  }
  if (host !== undefined && !HOST.test(host)) {
    throw new HttpError({ status: 400, message: 'invalid Host header' });
  }
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
