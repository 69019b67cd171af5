import type { TestResult } from './progress';
import { stripAnsi } from './color';

/** The parts of jest's `--json` report that the CLI reads. */
export interface AssertionResult {
  ancestorTitles: string[];
  title: string;
  fullName: string;
  status: 'passed' | 'failed' | 'pending' | 'todo' | 'skipped' | 'disabled' | 'focused';
  failureMessages: string[];
}

export interface TestFileResult {
  name: string;
  status: 'passed' | 'failed';
  message: string;
  assertionResults: AssertionResult[];
}

/** A source file that swc could not compile, found in a test file's failure (absolute paths). */
export interface CompileError {
  file: string;
  line: number;
  column: number;
  message: string;
  testFile: string;
}

export interface JestReport {
  success: boolean;
  testResults: TestFileResult[];
  /** Added by the course's reporters. */
  compileErrors?: CompileError[];
}

const EXERCISE_TITLE = /^Exercise (\d+\.\d+): /;

/** The exercise a test belongs to, read from its outermost describe. */
export function exerciseOf(test: AssertionResult): string | undefined {
  return EXERCISE_TITLE.exec(test.ancestorTitles[0] ?? '')?.[1];
}

/** Tests that ran to a verdict; tests filtered out by a name pattern are left out. */
export function ranTests(report: JestReport): AssertionResult[] {
  return report.testResults
    .flatMap((file) => file.assertionResults)
    .filter((test) => test.status === 'passed' || test.status === 'failed');
}

/** For each exercise, the test files that hold its tests (absolute paths, as jest reports them). */
export function exerciseTestFiles(report: JestReport): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const file of report.testResults) {
    for (const id of new Set(file.assertionResults.map(exerciseOf))) {
      if (id) files.set(id, [...(files.get(id) ?? []), file.name]);
    }
  }
  return files;
}

/** Test files that failed without a failing test: they did not load, or a hook threw. */
export function brokenFiles(report: JestReport): TestFileResult[] {
  return report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
}

/** Per exercise that had tests in this run: passed when every one of them passed. */
export function exerciseResults(report: JestReport): Map<string, TestResult> {
  const results = new Map<string, TestResult>();
  for (const test of ranTests(report)) {
    const id = exerciseOf(test);
    if (!id) continue;
    if (test.status === 'failed') results.set(id, 'failed');
    else if (!results.has(id)) results.set(id, 'passed');
  }
  return results;
}

const MAX_WIDTH = 160;

/** The first lines of a failure message, without colors, cut to a readable width and indented for a report. */
export function excerpt(message: string, maxLines = 6, indent = '    '): string[] {
  const lines = stripAnsi(message)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const cut = (line: string): string => (line.length > MAX_WIDTH ? `${line.slice(0, MAX_WIDTH)}…` : line);
  const shown = lines.slice(0, maxLines).map((line) => `${indent}${cut(line)}`);
  if (lines.length > maxLines) shown.push(`${indent}…`);
  return shown;
}
