import { parseCommandArgs } from '../args';
import { checkChapter } from '../check/chapter';
import { checkPackage, testedPackages } from '../check/packages';
import { Report } from '../check/report';
import { chapterFolders, findChapterFolder } from '../chapters';
import { stdoutPalette } from '../color';
import { openGit } from '../git';
import type { CommandContext } from './command';

const USAGE = 'pnpm course check [chapter]';

/**
 * The CI contract: every chapter (or the one given), then the tests of every shared package and project.
 * Ends with one line, "N passed, M failed".
 */
export async function check(ctx: CommandContext): Promise<number> {
  const { positionals } = parseCommandArgs(ctx.args, {}, USAGE, { min: 0, max: 1 });
  const only = positionals[0];
  const folders = only ? [findChapterFolder(ctx.root, only, ctx.cwd)] : chapterFolders(ctx.root);
  const report = new Report(stdoutPalette());
  const git = openGit(ctx.root);
  for (const folder of folders) await checkChapter(folder, ctx.root, git, report);
  if (!only) {
    for (const dir of testedPackages(ctx.root)) await checkPackage(dir, ctx.root, report);
  }
  console.log(report.totals());
  return report.failed > 0 ? 1 : 0;
}
