import { headerTokens } from './header-fields';
import type { RequestHead } from './http.types';

/** Whether the connection stays open after this request's response (RFC 9112 §9.3). */
export function shouldKeepAlive(head: RequestHead): boolean {
  // #exercise 1.5: Keep connections alive. Stuck? pnpm course hint 1.5
  // Until exercise 1.5, every connection closes after one response.
  return false;
  // #end
}
