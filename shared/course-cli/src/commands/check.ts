import path from 'node:path';
import { loadChapter } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { checkCarried } from '../check/carried';
import { checkChapter } from '../check/chapter';
import { checkPackage, testedPackages } from '../check/packages';
import { Report } from '../check/report';
import { chapterFolders, findChapterFolder, hasManifest } from '../chapters';
import { stdoutPalette } from '../color';
import { usageError } from '../errors';
import { openGit } from '../git';
import type { CommandContext } from './command';

const USAGE = 'pnpm course check [chapter|.] [--deep] [--no-carried | --only-carried]';

/** The shared package or project around `cwd` that has its own tests, for `course check .` run inside it. */
function packageOfCwd(root: string, cwd: string): string | undefined {
  return testedPackages(root).find((dir) => {
    const rel = path.relative(dir, cwd);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/**
 * The CI contract: every chapter (or the one given), then the tests of every shared package and project.
 * `.` inside a shared package checks that package's tests; that is what each package's turbo `check` task runs.
 * `--no-carried` leaves out the comparison with other chapters (turbo caches a task by its own package's files, so
 * the root's `pnpm test` runs `--only-carried` after it instead). `--deep` adds the exercise-order steps and runs
 * every mutant: one jest process each, so minutes per chapter; `pnpm test:deep` runs it for every chapter.
 * Ends with one line, "N passed, M failed".
 */
export async function check(ctx: CommandContext): Promise<number> {
  const options = {
    carried: { type: 'boolean' },
    'only-carried': { type: 'boolean' },
    deep: { type: 'boolean' },
  } as const;
  const { values, positionals } = parseCommandArgs(ctx.args, options, USAGE, { min: 0, max: 1 });
  const only = positionals[0];
  const report = new Report(stdoutPalette());

  if (values['only-carried']) {
    if (only) throw usageError(`--only-carried checks every chapter (usage: ${USAGE})`);
    for (const folder of chapterFolders(ctx.root).filter(hasManifest)) {
      try {
        for (const item of checkCarried(loadChapter(folder.dir), ctx.root)) report.add(item);
      } catch (error) {
        report.add({ ok: false, scope: folder.slug, text: `manifest: ${(error as Error).message}` });
      }
    }
    console.log(report.totals());
    return report.failed > 0 ? 1 : 0;
  }

  const packageDir = only === '.' ? packageOfCwd(ctx.root, ctx.cwd) : undefined;
  if (packageDir) {
    await checkPackage(packageDir, ctx.root, report);
  } else {
    const folders = only ? [findChapterFolder(ctx.root, only, ctx.cwd)] : chapterFolders(ctx.root);
    const git = openGit(ctx.root);
    for (const folder of folders) {
      await checkChapter(folder, ctx.root, git, report, {
        carried: values.carried !== false,
        deep: values.deep === true,
      });
    }
    if (!only) {
      for (const dir of testedPackages(ctx.root)) await checkPackage(dir, ctx.root, report);
    }
  }
  console.log(report.totals());
  return report.failed > 0 ? 1 : 0;
}
