import fs from 'node:fs';
import path from 'node:path';
import { loadChapter, type Chapter } from '@course/chapter-kit';
import type { ChapterFolder } from '../chapters';
import type { GitView } from '../git';
import { exerciseTestFiles } from '../jest-report';
import { runJest, usesPostgres } from '../jest-runner';
import { count } from '../text';
import { checkCarried } from './carried';
import { checkMutant, checkMutantsApply, loadMutants } from './mutants';
import { checkOrderStep } from './order';
import { buildPristine } from './pristine';
import { checkReadme } from './readme';
import { checkRegions } from './regions';
import type { Item, Report } from './report';
import { checkStarterSync } from './starter-sync';
import { checkJobs, pristineItems, testsItem, titlesItem, wholeSuite } from './tests';
import { typecheck } from './typecheck';

/** Runs the solution's tests; returns where each exercise's tests live, so mutants load only those files. */
async function checkSolution(chapter: Chapter, report: Report): Promise<Map<string, string[]>> {
  report.add(await typecheck(chapter, path.join(chapter.dir, 'tsconfig.json'), 'solution'));
  const run = await runJest({
    cwd: chapter.dir,
    target: 'solution',
    usesPostgres: usesPostgres(chapter),
    ...wholeSuite(),
  });
  report.add(testsItem(chapter.slug, 'solution: ', run, chapter.dir));
  if (!run.report) return new Map();
  report.add(titlesItem(chapter, run.report));
  return exerciseTestFiles(run.report);
}

async function checkPristineStarter(chapter: Chapter, report: Report): Promise<void> {
  let pristineDir: string;
  try {
    pristineDir = buildPristine(chapter);
  } catch (error) {
    report.add({
      ok: false,
      scope: chapter.slug,
      text: `starter: cannot be built: ${(error as Error).message}`,
    });
    return;
  }
  report.add(
    await typecheck(chapter, path.join(chapter.dir, '.course', 'tsconfig.pristine.json'), 'starter'),
  );
  const run = await runJest({
    cwd: chapter.dir,
    target: pristineDir,
    usesPostgres: usesPostgres(chapter),
    ...wholeSuite(),
  });
  for (const item of pristineItems(chapter, run)) report.add(item);
}

/** The exercise-order steps and the mutants: each is its own jest process, so a few run side by side. */
async function checkOrderAndMutants(
  chapter: Chapter,
  report: Report,
  testFiles: Map<string, string[]>,
): Promise<void> {
  const mutants = loadMutants(chapter);
  if (!Array.isArray(mutants)) report.add(mutants);
  const jobs: (() => Promise<Item>)[] = [
    ...chapter.exercises.slice(0, -1).map((_e, index) => () => checkOrderStep(chapter, index + 1, testFiles)),
    ...(Array.isArray(mutants) ? mutants : []).map(
      (mutant, index) => () => checkMutant(chapter, mutant, index + 1, testFiles.get(mutant.exercise)),
    ),
  ];
  const items = await mapConcurrently(jobs, checkJobs(), (job) => job());
  for (const item of items) report.add(item);
}

/** Like Promise.all over `items.map(fn)`, with at most `limit` calls in flight; results keep their order. */
async function mapConcurrently<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The chapter contract of docs/instructors.md, item by item. */
export async function checkChapter(
  folder: ChapterFolder,
  root: string,
  git: GitView | undefined,
  report: Report,
  options: { carried: boolean; deep: boolean } = { carried: true, deep: true },
): Promise<void> {
  let chapter: Chapter;
  try {
    chapter = loadChapter(folder.dir);
  } catch (error) {
    report.add({ ok: false, scope: folder.slug, text: `manifest: ${(error as Error).message}` });
    return;
  }
  report.add({
    ok: true,
    scope: chapter.slug,
    text: `manifest: ${count(chapter.exercises.length, 'exercise')}`,
  });
  report.add(checkReadme(chapter));
  report.add(checkRegions(chapter));
  report.add(checkStarterSync(chapter, root, git));
  if (options.carried) for (const item of checkCarried(chapter, root)) report.add(item);
  const testFiles = await checkSolution(chapter, report);
  await checkPristineStarter(chapter, report);
  if (options.deep) await checkOrderAndMutants(chapter, report, testFiles);
  else report.add(checkMutantsApply(chapter));
  // What check built (the pristine starter, mutants, order steps) is not worth keeping between runs.
  fs.rmSync(path.join(chapter.dir, '.course'), { recursive: true, force: true });
}
