import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { DEFAULT_DATABASE_URL, embeddedMode, PROBE_ENV, probeForChildren } from '@course/db-migrate/probe';
import { failure } from './errors';
import type { JestReport } from './jest-report';
import { runProcess } from './process';

export interface JestOptions {
  /** The chapter or package folder; jest runs there with that folder's config. */
  cwd: string;
  /** COURSE_TARGET: `starter`, `solution` or an absolute folder. Packages leave it unset. */
  target?: string;
  testNamePattern?: string;
  /** Run only these test files (absolute paths); all of them when omitted. */
  testPaths?: string[];
  /** Stream jest's human output to the terminal (`run`) instead of capturing it (`check`). */
  inherit?: boolean;
  /** CI mode for `check`: no snapshots written, test console output suppressed. */
  ci?: boolean;
  signal?: AbortSignal;
  /** jest's worker processes; jest's own default (one fewer than the CPUs) when omitted. */
  maxWorkers?: number;
  /** Kill jest, and what its tests started, after this long (`check` sets it). */
  timeoutMs?: number;
  /**
   * The tests use PostgreSQL (the chapter lists it): whether a server answers at DATABASE_URL is asked here, once
   * and without blocking, and handed to every test file, which would otherwise start a process to ask.
   */
  usesPostgres?: boolean;
}

export interface JestRun {
  code: number | null;
  /** Missing when jest stopped before writing it (a broken config, or Ctrl-C). */
  report?: JestReport;
  /** jest's output when captured; empty when it went to the terminal. */
  output: string;
  aborted: boolean;
  timedOut?: boolean;
}

/** Whether a chapter's tests use PostgreSQL: JestOptions.usesPostgres. */
export function usesPostgres(chapter: Chapter): boolean {
  return chapter.services.includes('postgres');
}

/** Matches the tests of one exercise, anchored so that 1.1 does not also select 1.10. */
export function exercisePattern(id: string): string {
  return `^Exercise ${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `;
}

/** The jest of the folder under test, falling back to the CLI's own. */
export function jestBin(cwd: string): string {
  try {
    return require.resolve('jest/bin/jest', { paths: [cwd, __dirname] });
  } catch (error) {
    throw failure(`jest is not installed for ${cwd}; run pnpm install`, error);
  }
}

const REPORTERS = path.resolve(__dirname, '..', 'reporter');

/**
 * Runs jest with the course's reporters: `run` keeps jest's own output but shows a file that does not compile once,
 * as path:line:col and the message; `check` prints nothing. Both hand the results over in a temporary file.
 */
export async function runJest(options: JestOptions): Promise<JestRun> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'course-jest-'));
  const outputFile = path.join(tempDir, 'report.json');
  const reporters = options.inherit
    ? [path.join(REPORTERS, 'run-reporter.js'), 'summary']
    : [path.join(REPORTERS, 'quiet-reporter.js')];
  // The config is named, not looked up: jest started in a folder that has gone away must not find another one above.
  const config = path.join(options.cwd, 'jest.config.js');
  if (!fs.existsSync(config)) throw failure(`${config} is missing`);
  const args = [
    jestBin(options.cwd),
    `--config=${config}`,
    '--passWithNoTests',
    ...reporters.map((r) => `--reporters=${r}`),
  ];
  if (options.testNamePattern) args.push(`--testNamePattern=${options.testNamePattern}`);
  // In CI mode a test that leaves a handle open must not keep the whole check waiting: jest exits when its tests
  // are done (a leak still shows up in `course run`, which does not force the exit).
  if (options.ci) args.push('--ci', '--silent', '--forceExit');
  if (options.maxWorkers) args.push(`--maxWorkers=${options.maxWorkers}`);
  if (options.testPaths) args.push('--runTestsByPath', ...options.testPaths);
  const env: NodeJS.ProcessEnv = { ...process.env, COURSE_JEST_REPORT: outputFile };
  if (options.target) env.COURSE_TARGET = options.target;
  if (options.usesPostgres && embeddedMode(env) === 'auto' && !env[PROBE_ENV])
    env[PROBE_ENV] = await probeForChildren(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  try {
    const result = await runProcess(process.execPath, args, {
      cwd: options.cwd,
      env,
      inherit: options.inherit,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const report = fs.existsSync(outputFile)
      ? (JSON.parse(fs.readFileSync(outputFile, 'utf8')) as JestReport)
      : undefined;
    return { ...result, report };
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}
