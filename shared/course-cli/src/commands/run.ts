import path from 'node:path';
import { exerciseFiles, type Chapter } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { loadCourse, resolveTarget, type Target } from '../chapters';
import { stdoutPalette, type Palette } from '../color';
import { failure } from '../errors';
import {
  brokenFiles,
  exerciseResults,
  type CompileError,
  type JestReport,
  type TestFileResult,
} from '../jest-report';
import { exercisesIn, selectTests } from '../exercise-tests';
import { runJest, usesPostgres } from '../jest-runner';
import { noteActivity, recordResults, type TestResult } from '../progress';
import { count } from '../text';
import { formatTypeError, runTypecheck, type TypecheckResult, type TypeError } from '../type-errors';
import { watchAndRun } from '../watch';
import type { CommandContext } from './command';
import { printNext } from './status';

const USAGE = 'pnpm course run <chapter|exercise> [--solution] [--watch]';
const MAX_TYPE_ERRORS = 20;

type Which = 'starter' | 'solution';

const posix = (file: string): string => file.split(path.sep).join('/');

/** The type errors that matter to this run: an exercise's own files first, then the rest of the tree. */
function printTypeErrors(
  target: Target,
  which: Which,
  errors: TypeError[],
  skip: Set<string>,
  p: Palette,
): void {
  const shown = errors.filter((error) => !skip.has(error.file));
  if (shown.length === 0) return;
  const own = target.exercise
    ? new Set(
        (exerciseFiles(target.chapter.dir).get(target.exercise.id) ?? []).map((rel) => `${which}/${rel}`),
      )
    : undefined;
  const first = own ? shown.filter((error) => own.has(error.file)) : shown;
  const rest = own ? shown.filter((error) => !own.has(error.file)) : [];
  console.log('');
  console.log(p.red(`${which}/ does not typecheck (${count(shown.length, 'type error')}):`));
  for (const error of first.slice(0, MAX_TYPE_ERRORS)) console.log(`  ${formatTypeError(error)}`);
  if (first.length > MAX_TYPE_ERRORS) console.log(`  …and ${first.length - MAX_TYPE_ERRORS} more`);
  if (rest.length > 0) {
    const files = [...new Set(rest.map((error) => error.file))];
    const where = files.slice(0, 5).join(', ') + (files.length > 5 ? ', …' : '');
    const list = own ? 'outside this exercise' : '';
    console.log(`  ${count(rest.length, 'type error')} ${list} in ${where}`.replace(/ {2,}/g, ' '));
    console.log(
      `  ${p.cyan(`pnpm course run ${target.chapter.number}${which === 'solution' ? ' --solution' : ''}`)} lists them all.`,
    );
  }
}

/** Test files that could not run: one line per file that does not compile, then each other file. */
function printBroken(
  chapter: Chapter,
  broken: TestFileResult[],
  compileErrors: CompileError[],
  p: Palette,
): void {
  const rel = (file: string): string => posix(path.relative(chapter.dir, file));
  const byCause = new Map<string, string[]>();
  for (const error of compileErrors) {
    const files = byCause.get(rel(error.file)) ?? [];
    if (!files.includes(error.testFile)) files.push(error.testFile);
    byCause.set(rel(error.file), files);
  }
  for (const [cause, files] of byCause) {
    console.log(
      `${p.red('Could not run:')} ${count(files.length, 'test file')}, because ${cause} does not compile`,
    );
  }
  const explained = new Set(compileErrors.map((error) => error.testFile));
  for (const file of broken.filter((f) => !explained.has(f.name))) {
    console.log(`${p.red('Could not run:')} ${rel(file.name)}`);
  }
}

function summarize(
  root: string,
  target: Target,
  which: Which,
  report: JestReport,
  types: TypecheckResult,
): boolean {
  const p = stdoutPalette();
  const { chapter } = target;
  const results = exerciseResults(report);
  const broken = brokenFiles(report);
  const compileErrors = report.compileErrors ?? [];
  const inScope = (id: string): boolean => !target.exercise || target.exercise.id === id;
  // A test file that cannot load proves nothing: its exercises are failing, whatever an earlier run said.
  for (const file of broken) {
    for (const id of exercisesIn(file.name).filter(inScope)) results.set(id, 'failed');
  }
  const ids = chapter.exercises.map((e) => e.id).filter((id) => results.has(id));
  const passing = ids.filter((id) => results.get(id) === 'passed');
  const failing = ids.filter((id) => results.get(id) === 'failed');

  const uncompiled = new Set(compileErrors.map((error) => posix(path.relative(chapter.dir, error.file))));
  if (!types.ok) printTypeErrors(target, which, types.errors, uncompiled, p);
  if (!types.ok && types.errors.length === 0) {
    console.log(p.red(`\n${which}/ does not typecheck:`));
    console.log(types.output.trim());
  }

  console.log('');
  if (types.ok && passing.length > 0) console.log(`${p.green('Passing:')} ${passing.join(', ')}`);
  if (!types.ok && passing.length > 0) {
    console.log(
      `${p.red('Type errors:')} ${passing.join(', ')} ${passing.length === 1 ? 'passes its' : 'pass their'} tests, ` +
        `but ${which}/ does not typecheck, so ${passing.length === 1 ? 'it is' : 'they are'} not done yet`,
    );
  }
  if (failing.length > 0) console.log(`${p.red('Failing:')} ${failing.join(', ')}`);
  printBroken(chapter, broken, compileErrors, p);
  const id = target.exercise?.id;
  const missing = id !== undefined && !results.has(id) && broken.length === 0;
  if (missing) console.log(p.red(`No test of exercise ${id} ran; its tests belong in exercise('${id}', …).`));

  if (which === 'starter') {
    const recorded = new Map<string, TestResult>(results);
    const progress = recordResults(root, recorded, types.ok);
    noteActivity(root, chapter.slug);
    printNext(
      loadCourse(root).chapters,
      { ...progress, current: { chapter: chapter.slug, at: new Date().toISOString() } },
      p,
    );
  } else if (report.success && !missing && types.ok) {
    console.log(p.green('The solution passes these tests and typechecks.'));
  }
  return report.success && !missing && types.ok;
}

function tsconfigOf(chapter: Chapter, which: Which): string {
  return path.join(chapter.dir, which === 'starter' ? 'tsconfig.starter.json' : 'tsconfig.json');
}

/** Runs the tests and the typecheck side by side; the exercise is done only when both pass. */
async function runOnce(root: string, target: Target, which: Which, signal?: AbortSignal): Promise<number> {
  const { chapter } = target;
  const [result, types] = await Promise.all([
    runJest({
      cwd: chapter.dir,
      target: which,
      ...selectTests(chapter, target.exercise?.id),
      inherit: true,
      signal,
      usesPostgres: usesPostgres(chapter),
    }),
    runTypecheck({
      root,
      cwd: chapter.dir,
      tsconfig: tsconfigOf(chapter, which),
      key: `${chapter.slug}-${which}`,
      signal,
    }),
  ]);
  if (result.aborted || types.aborted) return 130;
  if (!result.report) throw failure(`jest stopped before reporting any result (exit code ${result.code})`);
  return summarize(root, target, which, result.report, types) && result.code === 0 ? 0 : 1;
}

export async function run(ctx: CommandContext): Promise<number> {
  const options = { solution: { type: 'boolean' }, watch: { type: 'boolean' } } as const;
  const { values, positionals } = parseCommandArgs(ctx.args, options, USAGE, { min: 1, max: 1 });
  const target = resolveTarget(ctx.root, positionals[0]!, ctx.cwd);
  const which: Which = values.solution ? 'solution' : 'starter';
  if (!values.watch) return runOnce(ctx.root, target, which);
  const dirs = [which, 'tests'].map((dir) => path.join(target.chapter.dir, dir));
  return watchAndRun(dirs, `${which}/ and tests/`, (signal) => runOnce(ctx.root, target, which, signal));
}
