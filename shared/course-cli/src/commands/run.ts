import path from 'node:path';
import { parseCommandArgs } from '../args';
import { loadCourse, resolveTarget, type Target } from '../chapters';
import { stdoutPalette } from '../color';
import { failure } from '../errors';
import { brokenFiles, exerciseResults, type JestReport } from '../jest-report';
import { exercisePattern, runJest } from '../jest-runner';
import { recordResults } from '../progress';
import { watchAndRun } from '../watch';
import type { CommandContext } from './command';
import { printNext } from './status';

const USAGE = 'pnpm course run <chapter|exercise> [--solution] [--watch]';

type Which = 'starter' | 'solution';

function summarize(root: string, target: Target, which: Which, report: JestReport): boolean {
  const p = stdoutPalette();
  const results = exerciseResults(report);
  const ids = target.chapter.exercises.map((e) => e.id).filter((id) => results.has(id));
  const passing = ids.filter((id) => results.get(id) === 'passed');
  const failing = ids.filter((id) => results.get(id) === 'failed');
  const broken = brokenFiles(report);

  console.log('');
  if (passing.length > 0) console.log(`${p.green('Passing:')} ${passing.join(', ')}`);
  if (failing.length > 0) console.log(`${p.red('Failing:')} ${failing.join(', ')}`);
  for (const file of broken) {
    console.log(`${p.red('Could not run:')} ${path.relative(target.chapter.dir, file.name)}`);
  }
  const id = target.exercise?.id;
  const missing = id !== undefined && !results.has(id) && broken.length === 0;
  if (missing) console.log(p.red(`No test of exercise ${id} ran; its tests belong in exercise('${id}', …).`));

  if (which === 'starter') {
    const progress = recordResults(root, results);
    printNext(loadCourse(root).chapters, progress, p);
  } else if (report.success && !missing) {
    console.log(p.green('The solution passes these tests.'));
  }
  return report.success && !missing;
}

async function runOnce(root: string, target: Target, which: Which, signal?: AbortSignal): Promise<number> {
  const result = await runJest({
    cwd: target.chapter.dir,
    target: which,
    testNamePattern: target.exercise && exercisePattern(target.exercise.id),
    inherit: true,
    signal,
  });
  if (result.aborted) return 130;
  if (!result.report) throw failure(`jest stopped before reporting any result (exit code ${result.code})`);
  return summarize(root, target, which, result.report) && result.code === 0 ? 0 : 1;
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
