import os from 'node:os';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { exerciseTitle, SCAFFOLD_PREFIX } from '@course/test-harness';
import {
  brokenFiles,
  excerpt,
  exerciseOf,
  ranTests,
  type AssertionResult,
  type JestReport,
  type TestFileResult,
} from '../jest-report';
import type { JestRun } from '../jest-runner';
import { count, passing } from '../text';
import type { Item } from './report';

const MAX_TESTS = 10;

/** How long one jest run of `check` may take before it is killed with what it started: COURSE_CHECK_TIMEOUT_MS. */
export function checkTimeoutMs(): number {
  const fromEnv = Number(process.env.COURSE_CHECK_TIMEOUT_MS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 5 * 60_000;
}

/** How many jest processes `course check` runs at once: COURSE_CHECK_JOBS, or one per CPU. */
export function checkJobs(): number {
  const fromEnv = Number(process.env.COURSE_CHECK_JOBS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.max(1, os.availableParallelism());
}

/** A whole suite runs alone, so it gets every CPU (jest's default leaves one idle: one worker on two cores). */
export function wholeSuite() {
  return { ci: true, timeoutMs: checkTimeoutMs(), maxWorkers: checkJobs() } as const;
}

/** The failing tests with the start of their messages, and the test files that did not run. */
export function failureDetails(tests: AssertionResult[], files: TestFileResult[], cwd: string): string[] {
  const lines = tests
    .slice(0, MAX_TESTS)
    .flatMap((test) => [`✗ ${test.fullName}`, ...excerpt(test.failureMessages.join('\n'))]);
  if (tests.length > MAX_TESTS) lines.push(`…and ${tests.length - MAX_TESTS} more failing tests`);
  for (const file of files) {
    lines.push(`✗ ${path.relative(cwd, file.name)} did not run`, ...excerpt(file.message, 8));
  }
  return lines;
}

/** The item for a jest run that ended without a report: its config failed, or it crashed. */
export function crashed(scope: string, label: string, run: JestRun): Item {
  const tail = run.output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-15)
    .join('\n');
  return {
    ok: false,
    scope,
    text: run.timedOut
      ? `${label}jest was stopped after ${Math.round(checkTimeoutMs() / 1000)} s: a test or a hook hangs`
      : `${label}jest did not finish (exit code ${run.code})`,
    details: excerpt(tail, 15, ''),
  };
}

/** One item that counts every test: each passing test is a pass, each failing test or broken file a failure. */
export function testsItem(scope: string, label: string, run: JestRun, cwd: string): Item {
  if (!run.report) return crashed(scope, label, run);
  const tests = ranTests(run.report);
  const failed = tests.filter((test) => test.status === 'failed');
  const broken = brokenFiles(run.report);
  if (tests.length === 0 && broken.length === 0) return { ok: false, scope, text: `${label}no tests found` };
  const passed = tests.length - failed.length;
  const ok = failed.length === 0 && broken.length === 0;
  let text = ok
    ? `${label}${passing(passed)}`
    : `${label}${failed.length} of ${count(tests.length, 'test')} failed`;
  if (broken.length > 0) text += `, ${count(broken.length, 'test file')} did not run`;
  return {
    ok,
    scope,
    text,
    passed,
    failed: failed.length + broken.length,
    details: failureDetails(failed, broken, cwd),
  };
}

/** Every test sits in `exercise(id, …)` or `scaffold(title, …)`, so that every failure names its exercise. */
export function titlesItem(chapter: Chapter, report: JestReport): Item {
  const allowed = new Set(chapter.exercises.map((e) => exerciseTitle(e.id, e.title)));
  const stray = report.testResults
    .flatMap((file) => file.assertionResults)
    .filter((test) => {
      const outer = test.ancestorTitles[0];
      return !outer || !(allowed.has(outer) || outer.startsWith(SCAFFOLD_PREFIX));
    });
  if (stray.length === 0) {
    return { ok: true, scope: chapter.slug, text: 'tests: each is inside exercise() or scaffold()' };
  }
  return {
    ok: false,
    scope: chapter.slug,
    text: `tests: ${count(stray.length, 'test')} outside exercise() and scaffold()`,
    details: stray
      .slice(0, MAX_TESTS)
      .map((test) => `"${test.fullName}" needs exercise(id, …) or scaffold(title, …)`),
  };
}

/** On the pristine starter, every scaffold test passes and every exercise has a failing test. */
export function pristineItems(chapter: Chapter, run: JestRun): Item[] {
  const scope = chapter.slug;
  if (!run.report) return [crashed(scope, 'starter: ', run)];
  const tests = ranTests(run.report);
  const scaffold = tests.filter((test) => (test.ancestorTitles[0] ?? '').startsWith(SCAFFOLD_PREFIX));
  const scaffoldFailed = scaffold.filter((test) => test.status === 'failed');
  const broken = brokenFiles(run.report);
  const ok = scaffoldFailed.length === 0 && broken.length === 0;
  const items: Item[] = [
    {
      ok,
      scope,
      text: ok
        ? `starter: ${passing(scaffold.length, 'scaffold test')}`
        : `starter: ${scaffoldFailed.length} of ${count(scaffold.length, 'scaffold test')} failed` +
          (broken.length > 0 ? `, ${count(broken.length, 'test file')} did not run` : ''),
      details: failureDetails(scaffoldFailed, broken, chapter.dir),
    },
  ];
  for (const { id } of chapter.exercises) {
    const own = tests.filter((test) => exerciseOf(test) === id);
    const failing = own.filter((test) => test.status === 'failed').length;
    if (failing > 0) {
      items.push({
        ok: true,
        scope,
        text: `starter fails at ${id} (${failing} of ${count(own.length, 'test')} failed)`,
      });
    } else {
      items.push({
        ok: false,
        scope,
        text: `starter fails at ${id}: ${own.length === 0 ? 'no test of it ran' : passing(own.length)}`,
        details: [
          `Exercise ${id} needs a test that fails on the pristine starter, inside exercise('${id}', …).`,
        ],
      });
    }
  }
  return items;
}
