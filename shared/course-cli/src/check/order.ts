import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { brokenFiles, exerciseOf, ranTests } from '../jest-report';
import { runJest, usesPostgres } from '../jest-runner';
import { pristineStarter } from '../starter';
import { count, passing } from '../text';
import { buildStarter } from './pristine';
import type { Item } from './report';
import { checkTimeoutMs, crashed, failureDetails } from './tests';

const escape = (id: string): string => id.replace(/\./g, '\\.');

/**
 * Exercise order: a learner who did exercises 1..n of the README, and nothing after, passes the tests of 1..n.
 * Builds that starter (the solution's code in the first n exercises' regions, stubs elsewhere) and runs only those
 * exercises' tests, in the files that hold them. The last n is the solution itself, which the solution run covers.
 */
export async function checkOrderStep(
  chapter: Chapter,
  n: number,
  testFiles: Map<string, string[]>,
): Promise<Item> {
  const scope = chapter.slug;
  const ids = chapter.exercises.slice(0, n).map((e) => e.id);
  const range = n === 1 ? ids[0]! : `${ids[0]}–${ids[n - 1]}`;
  const label = `order: with only ${range} done`;
  const dir = path.join(chapter.dir, '.course', 'order', String(n));
  buildStarter(chapter, dir, pristineStarter(chapter, new Set(ids)));
  const files = [...new Set(ids.flatMap((id) => testFiles.get(id) ?? []))];
  if (files.length === 0)
    return { ok: false, scope, text: `${label}: no test of ${range} ran on the solution` };

  const run = await runJest({
    cwd: chapter.dir,
    target: dir,
    testNamePattern: `^Exercise (${ids.map(escape).join('|')}): `,
    testPaths: files,
    ci: true,
    timeoutMs: checkTimeoutMs(),
    usesPostgres: usesPostgres(chapter),
  });
  if (!run.report) return crashed(scope, `${label}: `, run);
  const tests = ranTests(run.report).filter((test) => ids.includes(exerciseOf(test) ?? ''));
  const failed = tests.filter((test) => test.status === 'failed');
  const broken = brokenFiles(run.report);
  if (failed.length === 0 && broken.length === 0) {
    return { ok: true, scope, text: `${label}, their ${passing(tests.length)}` };
  }
  const blocked = [...new Set(failed.map((test) => exerciseOf(test)))].join(', ');
  return {
    ok: false,
    scope,
    text: `${label}, ${failed.length} of ${count(tests.length, 'test')} fail: ${blocked || range} ${
      failed.length > 0 ? 'needs a later exercise' : 'cannot run'
    }`,
    details: [
      `A learner who follows the README's order must pass ${range} without the exercises after ${ids[n - 1]}.`,
      ...failureDetails(failed, broken, chapter.dir),
    ],
  };
}
