import path from 'node:path';
import { loadChapter, type Chapter } from '@course/chapter-kit';
import type { ChapterFolder } from '../chapters';
import type { GitView } from '../git';
import { runJest } from '../jest-runner';
import { count } from '../text';
import { checkMutant, loadMutants } from './mutants';
import { buildPristine } from './pristine';
import { checkReadme } from './readme';
import { checkRegions } from './regions';
import type { Report } from './report';
import { checkStarterSync } from './starter-sync';
import { pristineItems, testsItem, titlesItem } from './tests';
import { typecheck } from './typecheck';

async function checkSolution(chapter: Chapter, report: Report): Promise<void> {
  report.add(await typecheck(chapter, path.join(chapter.dir, 'tsconfig.json'), 'solution'));
  const run = await runJest({ cwd: chapter.dir, target: 'solution', ci: true });
  report.add(testsItem(chapter.slug, 'solution: ', run, chapter.dir));
  if (run.report) report.add(titlesItem(chapter, run.report));
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
  const run = await runJest({ cwd: chapter.dir, target: pristineDir, ci: true });
  for (const item of pristineItems(chapter, run)) report.add(item);
}

async function checkMutants(chapter: Chapter, report: Report): Promise<void> {
  const mutants = loadMutants(chapter);
  if (!Array.isArray(mutants)) {
    report.add(mutants);
    return;
  }
  for (const [index, mutant] of mutants.entries()) {
    report.add(await checkMutant(chapter, mutant, index + 1));
  }
}

/** The chapter contract of docs/instructors.md, item by item. */
export async function checkChapter(
  folder: ChapterFolder,
  root: string,
  git: GitView | undefined,
  report: Report,
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
  await checkSolution(chapter, report);
  await checkPristineStarter(chapter, report);
  await checkMutants(chapter, report);
}
