import { headerTokens } from './header-fields';
import type { RequestHead } from './http.types';

/** Whether the connection stays open after this request's response (RFC 9112 §9.3). */
export function shouldKeepAlive(head: RequestHead): boolean {
  // #exercise 1.5
  const options = headerTokens(head.headers, 'connection');
  if (options.includes('close')) return false;
  if (head.version === 'HTTP/1.0') return options.includes('keep-alive');
  return true;
  // #starter
  // // Until exercise 1.5, every connection closes after one response.
  // return false;
  // #end
}
