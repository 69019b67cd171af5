import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeStarter, type Chapter } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { backUpStarterFiles } from '../backup';
import { loadCourse, resolveChapter } from '../chapters';
import { CourseError, failure } from '../errors';
import { openGit, type GitView } from '../git';
import { courseDir } from '../progress';
import { starterChanges } from '../starter';
import { count } from '../text';
import type { CommandContext } from './command';

const USAGE = 'pnpm course sync [chapter] [--force]';

const hash = (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

/** What sync last wrote, per file, so that syncing twice before a commit is not mistaken for a learner's edit. */
class SyncRecord {
  private readonly file: string;
  private readonly hashes: Record<string, string>;

  constructor(root: string) {
    this.file = path.join(courseDir(root), 'synced.json');
    try {
      this.hashes = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      this.hashes = {};
    }
  }

  wrote(rel: string, text: string): boolean {
    return this.hashes[rel] === hash(text);
  }

  remember(rel: string, text: string | undefined): void {
    if (text === undefined) delete this.hashes[rel];
    else this.hashes[rel] = hash(text);
  }

  save(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, `${JSON.stringify(this.hashes, null, 2)}\n`);
  }
}

/**
 * Starter files that sync would overwrite or delete although they hold work that exists nowhere else: they differ
 * from the last commit (or git does not track them) and sync did not write them itself.
 */
function unsavedWork(
  chapter: Chapter,
  files: readonly string[],
  root: string,
  git: GitView | undefined,
  record: SyncRecord,
): string[] {
  return files.filter((rel) => {
    const file = path.join(chapter.dir, 'starter', rel);
    if (!fs.existsSync(file)) return false;
    const text = fs.readFileSync(file, 'utf8');
    const repoRel = path.relative(root, file);
    return git?.headText(repoRel) !== text && !record.wrote(repoRel, text);
  });
}

/** Regenerates one chapter's starter/ and returns a line that says what changed. */
function syncChapter(
  chapter: Chapter,
  root: string,
  git: GitView | undefined,
  record: SyncRecord,
  force: boolean,
): string {
  const { pristine, rewritten, removed } = starterChanges(chapter);
  const list = (files: string[]): string => files.map((rel) => `starter/${rel}`).join(', ');
  const unsaved = unsavedWork(chapter, [...rewritten, ...removed], root, git, record);
  const parts = [];
  if (unsaved.length > 0) {
    if (!force) {
      throw failure(
        `${chapter.slug}: sync would overwrite ${list(unsaved)}, which ${unsaved.length === 1 ? 'differs' : 'differ'} ` +
          'from the last commit (your work?). Commit it first, or run pnpm course sync --force to back it up and overwrite it.',
      );
    }
    const backup = backUpStarterFiles(root, chapter, unsaved, { reason: 'sync' });
    parts.push(`backed up ${count(unsaved.length, 'file')} to ${path.relative(root, backup)}`);
  }
  writeStarter(path.join(chapter.dir, 'starter'), pristine);
  for (const rel of rewritten)
    record.remember(path.relative(root, path.join(chapter.dir, 'starter', rel)), pristine.get(rel));
  for (const rel of removed)
    record.remember(path.relative(root, path.join(chapter.dir, 'starter', rel)), undefined);
  if (rewritten.length > 0) parts.push(`wrote ${list(rewritten)}`);
  if (removed.length > 0) parts.push(`removed ${list(removed)}`);
  return `${chapter.slug}: ${parts.length > 0 ? parts.join('; ') : 'starter is up to date'}`;
}

/**
 * Regenerates starters from solutions; one broken chapter does not stop the others. It never destroys work: a
 * starter file that differs from the last commit is overwritten only with --force, after a backup.
 */
export async function sync(ctx: CommandContext): Promise<number> {
  const options = { force: { type: 'boolean' } } as const;
  const { values, positionals } = parseCommandArgs(ctx.args, options, USAGE, { min: 0, max: 1 });
  const course = positionals[0]
    ? { chapters: [resolveChapter(ctx.root, positionals[0], ctx.cwd)], broken: [] }
    : loadCourse(ctx.root);
  const git = openGit(ctx.root);
  const record = new SyncRecord(ctx.root);
  let failed = course.broken.length;
  for (const { slug, message } of course.broken) console.error(`course: ${slug}: ${message}`);
  for (const chapter of course.chapters) {
    try {
      console.log(syncChapter(chapter, ctx.root, git, record, values.force === true));
    } catch (error) {
      if (!(error instanceof CourseError)) throw error;
      failed += 1;
      console.error(`course: ${error.message}`);
    }
  }
  record.save();
  return failed > 0 ? 1 : 0;
}
