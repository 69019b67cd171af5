import path from 'node:path';
import { writeStarter, type Chapter } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { loadCourse, resolveChapter } from '../chapters';
import { CourseError } from '../errors';
import { starterChanges } from '../starter';
import type { CommandContext } from './command';

const USAGE = 'pnpm course sync [chapter]';

/** Regenerates one chapter's starter/ and returns a line that says what changed. */
function syncChapter(chapter: Chapter): string {
  const { pristine, rewritten, removed } = starterChanges(chapter);
  writeStarter(path.join(chapter.dir, 'starter'), pristine);
  const list = (files: string[]): string => files.map((rel) => `starter/${rel}`).join(', ');
  const parts = [];
  if (rewritten.length > 0) parts.push(`wrote ${list(rewritten)}`);
  if (removed.length > 0) parts.push(`removed ${list(removed)}`);
  return `${chapter.slug}: ${parts.length > 0 ? parts.join('; ') : 'starter is up to date'}`;
}

/** Regenerates starters from solutions; one broken chapter does not stop the others. */
export async function sync(ctx: CommandContext): Promise<number> {
  const { positionals } = parseCommandArgs(ctx.args, {}, USAGE, { min: 0, max: 1 });
  const course = positionals[0]
    ? { chapters: [resolveChapter(ctx.root, positionals[0], ctx.cwd)], broken: [] }
    : loadCourse(ctx.root);
  let failed = course.broken.length;
  for (const { slug, message } of course.broken) console.error(`course: ${slug}: ${message}`);
  for (const chapter of course.chapters) {
    try {
      console.log(syncChapter(chapter));
    } catch (error) {
      if (!(error instanceof CourseError)) throw error;
      failed += 1;
      console.error(`course: ${error.message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
