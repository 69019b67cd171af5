import { createHash } from 'node:crypto';
import net from 'node:net';

// Whether anything accepts TCP connections at a PostgreSQL URL: the test harness's question before it falls back
// to the embedded database. A test file that must know while it loads asks synchronously, which costs a child
// process (about a tenth of a second); a parent that starts jest can ask once, asynchronously, and hand the answer
// down in PROBE_ENV. This module stays free of pg, so the course CLI can load it cheaply.

/** `COURSE_PGLITE=1` always uses the embedded database, `COURSE_PGLITE=0` never does; unset means "when needed". */
export type EmbeddedMode = 'always' | 'never' | 'auto';

export function embeddedMode(env: NodeJS.ProcessEnv = process.env): EmbeddedMode {
  const value = (env.COURSE_PGLITE ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(value)) return 'always';
  if (['0', 'false', 'no'].includes(value)) return 'never';
  return 'auto';
}

/** How long to wait for PostgreSQL to accept a connection before giving up. */
export const CONNECT_TIMEOUT_MS = 3000;

/** The local development server; it has no password, so it is safe to default to. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The environment variable that carries a parent's answer: `<key of the URL>=server` or `…=nothing`. */
export const PROBE_ENV = 'COURSE_POSTGRES_PROBE';

/** A short digest of the URL, so that the answer travels without the password and applies to that URL only. */
function probeKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

/** Host and port to try for a PostgreSQL URL (IPv6 brackets dropped, PostgreSQL's defaults filled in). */
export function probeTarget(url: string): { host: string; port: number } {
  const { hostname, port } = new URL(url);
  return { host: hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(port || 5432) };
}

/** Resolves true when a TCP connection to the URL's host and port opens within the timeout. */
export function tcpAnswers(url: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<boolean> {
  const { host, port } = probeTarget(url);
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    const settle = (answers: boolean): void => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once('connect', () => settle(true)).once('error', () => settle(false));
  });
}

/** The PROBE_ENV value that says what a probe of `url` found. */
export function probeAnswer(url: string, answers: boolean): string {
  return `${probeKey(url)}=${answers ? 'server' : 'nothing'}`;
}

/** Probes `url` and returns the PROBE_ENV value for a child process. */
export async function probeForChildren(url: string): Promise<string> {
  return probeAnswer(url, await tcpAnswers(url));
}

/** What a parent found at `url`, from PROBE_ENV: true (a server answered), false, or undefined (not probed). */
export function probedByParent(url: string, env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  const value = env[PROBE_ENV];
  if (!value) return undefined;
  const [key, answer] = value.split('=');
  if (key !== probeKey(url)) return undefined;
  if (answer === 'server') return true;
  if (answer === 'nothing') return false;
  return undefined;
}
