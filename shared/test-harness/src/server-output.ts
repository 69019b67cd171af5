import { inspect, types } from 'node:util';

/*
 * What a server under test caught and logged, shown with a failing test.
 *
 * A test that goes through a server sees only the status code: the exercise's own "Exercise 1.7 is not done yet"
 * error was caught by the server's error hook or written to an in-memory log. Test support hands each such error
 * and log entry to `recordServerOutput()`. The jest environment of `@course/jest-preset` takes the entries when a
 * test ends: if the test failed, they are printed with its failure (the exercise's own "not done yet" error first);
 * if it passed, they are dropped. Entries recorded outside a test (in beforeAll) go with the next test.
 */

/** The key on the test file's global object where the environment finds the recorder. */
export const SERVER_OUTPUT_KEY = '__courseServerOutput__';

/** What the environment takes at the end of a failed test. */
export interface TakenOutput {
  /** The entries, formatted, one per line or two; "not done yet" errors first. */
  text: string;
  /** The stack frames of the first error shown, so the failure can point at the line that threw it. */
  frames: string;
  /** Whether an entry is an exercise's "not done yet" error, so the output explains the failure. */
  notDone: boolean;
}

interface Entry {
  source: string;
  value: unknown;
}

interface Formatted {
  source: string;
  text: string;
  /** The raw frames of the error this entry shows, if any. */
  frames: string[];
}

const NOT_DONE = /Exercise \d+\.\d+ is not done yet/;
/** Enough to see the cause; a test that loops would otherwise print thousands of entries. */
const MAX_ENTRIES = 20;
const MAX_ENTRY_CHARS = 1500;
const MAX_STACK_FRAMES = 4;

/** The first frames of a stack that point at course code, not at node_modules or Node's internals. */
function courseFrames(stack: unknown): string[] {
  if (typeof stack !== 'string') return [];
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line) && !/node_modules|node:internal|\(node:/.test(line))
    .slice(0, MAX_STACK_FRAMES)
    .map((line) => `    ${line.trim()}`);
}

/** `starter/notes/notes.store.ts:85:11` from a frame; frames are kept out of the text, where jest would cut it. */
function location(frames: string[]): string {
  const match = /\(?([^\s()]+:\d+:\d+)\)?$/.exec(frames[0] ?? '');
  if (!match) return '';
  const file = match[1]!;
  return ` (${file.startsWith(process.cwd()) ? file.slice(process.cwd().length + 1) : file})`;
}

/** Errors made by Node itself come from another realm than the test's, so `instanceof Error` misses them. */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

/** An error logged as plain data (a JSON log line): `{ name, message, stack }`. */
function isLoggedError(value: unknown): value is { name?: unknown; message: string; stack?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

function formatError(error: { name?: unknown; message: string; stack?: unknown; cause?: unknown }): {
  text: string;
  frames: string[];
} {
  const frames = courseFrames(error.stack);
  const name = typeof error.name === 'string' ? error.name : 'Error';
  let text = `${name}: ${error.message}${location(frames)}`;
  if (error.cause !== undefined) text += `\n  caused by ${formatValue(error.cause).text}`;
  return { text, frames };
}

function formatLogEntry(entry: Record<string, unknown>): { text: string; frames: string[] } {
  const { level, message, timestamp: _timestamp, error, ...fields } = entry;
  const rest = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
  const line = `[${String(level)}] ${String(message)}${rest}`;
  if (isError(error) || isLoggedError(error)) {
    const formatted = formatError(error);
    return { text: `${line}\n  ${formatted.text}`, frames: formatted.frames };
  }
  return { text: error === undefined ? line : `${line}\n  error: ${JSON.stringify(error)}`, frames: [] };
}

function formatValue(value: unknown): { text: string; frames: string[] } {
  if (isError(value)) return formatError(value);
  if (typeof value === 'object' && value !== null && 'level' in value && 'message' in value) {
    return formatLogEntry(value as Record<string, unknown>);
  }
  const text = typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Infinity });
  return { text, frames: [] };
}

function truncate(text: string): string {
  return text.length > MAX_ENTRY_CHARS ? `${text.slice(0, MAX_ENTRY_CHARS)}… (cut)` : text;
}

/** Collects the entries of the current test; the jest environment takes them when the test ends. */
export class ServerOutput {
  private entries: Entry[] = [];

  record(source: string, value: unknown): void {
    this.entries.push({ source, value });
  }

  /** Forgets what was recorded, without formatting it: the test passed. */
  clear(): void {
    this.entries = [];
  }

  /** Formats and forgets what was recorded; undefined when nothing was. */
  take(): TakenOutput | undefined {
    const entries = this.entries;
    this.entries = [];
    if (entries.length === 0) return undefined;
    const formatted: Formatted[] = entries.map(({ source, value }) => {
      const { text, frames } = formatValue(value);
      return { source, text: truncate(text), frames };
    });
    // The exercise's own stub is the cause; what the server logged afterwards is its consequence.
    const notDone = formatted.filter((e) => NOT_DONE.test(e.text));
    const shown = [...notDone, ...formatted.filter((e) => !NOT_DONE.test(e.text))];
    const lines = shown
      .slice(0, MAX_ENTRIES)
      .map(({ source, text }) => `  ${source}: ${text.replace(/\n/g, '\n    ')}`);
    if (shown.length > MAX_ENTRIES) lines.push(`  … and ${shown.length - MAX_ENTRIES} more`);
    const heading =
      notDone.length > 0
        ? 'The server caught an exercise that is not done yet:'
        : 'What the server caught and logged during this test:';
    return {
      text: [heading, ...lines].join('\n'),
      frames: (shown.find((e) => e.frames.length > 0)?.frames ?? []).join('\n'),
      notDone: notDone.length > 0,
    };
  }
}

function recorder(): ServerOutput {
  const scope = globalThis as Record<string, unknown>;
  const existing = scope[SERVER_OUTPUT_KEY];
  if (existing instanceof ServerOutput) return existing;
  const created = new ServerOutput();
  scope[SERVER_OUTPUT_KEY] = created;
  return created;
}

/**
 * Records something the server under test caught or logged during the current test: an error from its error
 * hook, or an entry of an in-memory log. It is printed with the test's failure, and only when the test fails.
 *
 * ```ts
 * createServer(handler, { onError: (error) => recordServerOutput('server error', error) });
 * ```
 *
 * @param source what recorded it, shown before the entry: `server error`, `log`.
 * @param value an Error (shown with its first stack frames), a log entry `{ level, message, ... }`, or anything else.
 */
export function recordServerOutput(source: string, value: unknown): void {
  recorder().record(source, value);
}
