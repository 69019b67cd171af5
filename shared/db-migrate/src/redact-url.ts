const SECRET_PARAMS = ['password', 'pass', 'sslpassword'];

/**
 * A connection URL that is safe to print: the password and any password-like query parameter become `***`.
 * Anything that does not parse as a URL is reduced to its scheme, so nothing secret can leak through it.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? '';
    return `${scheme}<unparseable URL>`;
  }
  if (parsed.password) parsed.password = '***';
  for (const name of SECRET_PARAMS) {
    if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString();
}
