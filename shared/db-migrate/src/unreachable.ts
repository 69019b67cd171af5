const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ETIMEDOUT',
]);

/**
 * The reason a connection attempt failed, when it never reached a server: a network code such as `ECONNREFUSED`,
 * or `timeout`. Returns undefined when a server answered (wrong password, unknown database): that is not about
 * reachability, and its own message says more.
 */
export function unreachableReason(error: unknown): string | undefined {
  const err = error as { code?: unknown; errors?: unknown; message?: unknown };
  // Node reports a failed connection to a host with several addresses as an AggregateError of the attempts.
  const nested = Array.isArray(err.errors) ? (err.errors[0] as { code?: unknown } | undefined) : undefined;
  const code = typeof err.code === 'string' ? err.code : nested?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  if (typeof err.message === 'string' && /timeout/i.test(err.message)) return 'timeout';
  return undefined;
}
