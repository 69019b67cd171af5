import fs from 'node:fs';
import path from 'node:path';
import { exerciseFiles, replaceRegions, type Chapter } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { backUpStarterFiles, listBackups, type Backup } from '../backup';
import { resolveTarget } from '../chapters';
import { stdoutPalette, type Palette } from '../color';
import { confirm } from '../confirm';
import { failure, usageError } from '../errors';
import { forgetExercises, noteActivity } from '../progress';
import { count } from '../text';
import type { CommandContext } from './command';

const USAGE = 'pnpm course restore [chapter|exercise] [--from <backup>] [--yes]';

function describe(backup: Backup): string {
  const what = backup.exercise ? `exercise ${backup.exercise}` : 'whole chapter';
  const when = backup.createdAt.replace('T', ' ').slice(0, 19);
  const files = backup.files.map((rel) => `starter/${rel}`).join(', ');
  return `${when}  ${backup.chapter}  ${what}, before ${backup.reason}  ${files}`;
}

function printList(backups: Backup[], p: Palette, chosen?: Backup): void {
  for (const backup of backups) {
    const line = `${backup === chosen ? '→' : ' '} ${p.bold(backup.name)}  ${describe(backup)}`;
    console.log(backup === chosen || !chosen ? line : p.dim(line));
  }
}

/**
 * What restoring `backup` writes: an exercise's backup (or any backup restored for one exercise) puts back that
 * exercise's regions only, so later work elsewhere in the same files stays; a chapter's backup puts back whole files.
 */
function plan(chapter: Chapter, backup: Backup, exercise: string | undefined): Map<string, string> {
  const only = exercise ?? backup.exercise;
  const files = only ? (exerciseFiles(chapter.dir).get(only) ?? []) : backup.files;
  const writes = new Map<string, string>();
  for (const rel of files.filter((file) => backup.files.includes(file))) {
    const saved = fs.readFileSync(path.join(backup.dir, rel), 'utf8');
    const file = path.join(chapter.dir, 'starter', rel);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    let next = saved;
    if (only && current !== undefined) {
      try {
        next = replaceRegions(current, saved, only, `starter/${rel}`);
      } catch (error) {
        throw failure(
          `${(error as Error).message} The backup's whole file is in ${path.join(backup.dir, rel)}`,
        );
      }
    }
    if (next !== current) writes.set(rel, next);
  }
  return writes;
}

function belongsTo(backup: Backup, chapter: Chapter, exercise: string | undefined): boolean {
  if (backup.chapter !== chapter.slug) return false;
  if (!exercise) return true;
  if (backup.exercise) return backup.exercise === exercise;
  const files = exerciseFiles(chapter.dir).get(exercise) ?? [];
  return files.some((rel) => backup.files.includes(rel));
}

/** Lists the backups that reset (and restore, and sync --force) made, and puts one back. */
export async function restore(ctx: CommandContext): Promise<number> {
  const options = { from: { type: 'string' }, yes: { type: 'boolean', short: 'y' } } as const;
  const { values, positionals } = parseCommandArgs(ctx.args, options, USAGE, { min: 0, max: 1 });
  const p = stdoutPalette();
  const all = listBackups(ctx.root);
  if (positionals.length === 0) {
    if (all.length === 0) {
      console.log('There are no backups yet. pnpm course reset makes one before it changes your files.');
      return 0;
    }
    console.log(`Backups, newest first (${count(all.length, 'backup')}):`);
    printList(all, p);
    console.log('');
    console.log(`To put one back: ${p.cyan('pnpm course restore <exercise|chapter> [--from <backup>]')}`);
    return 0;
  }

  const { chapter, exercise } = resolveTarget(ctx.root, positionals[0]!, ctx.cwd);
  const what = exercise ? `exercise ${exercise.id}` : `chapter ${chapter.slug}`;
  const candidates = all.filter((backup) => belongsTo(backup, chapter, exercise?.id));
  if (candidates.length === 0) throw failure(`there is no backup of ${what}`);
  const chosen = values.from ? candidates.find((backup) => backup.name === values.from) : candidates[0];
  if (!chosen) {
    throw usageError(
      `no backup of ${what} is named "${values.from}" (run pnpm course restore ${positionals[0]})`,
    );
  }
  console.log(`Backups of ${what}, newest first:`);
  printList(candidates, p, chosen);

  const writes = plan(chapter, chosen, exercise?.id);
  if (writes.size === 0) {
    console.log(`Nothing to restore: ${what} already matches backup ${chosen.name}.`);
    return 0;
  }
  const files = [...writes.keys()].map((rel) => `starter/${rel}`).join(', ');
  if (!values.yes) {
    if (!process.stdin.isTTY) {
      throw usageError('restore replaces files in starter/ and cannot ask for confirmation here; add --yes');
    }
    if (!(await confirm(`Restore ${files} from backup ${chosen.name}?`))) {
      console.log('Nothing was changed.');
      return 1;
    }
  }
  const existing = [...writes.keys()].filter((rel) => fs.existsSync(path.join(chapter.dir, 'starter', rel)));
  if (existing.length > 0) {
    const backup = backUpStarterFiles(ctx.root, chapter, existing, {
      reason: 'restore',
      exercise: exercise?.id ?? chosen.exercise,
    });
    console.log(`Backed up ${count(existing.length, 'file')} to ${path.relative(ctx.cwd, backup) || '.'}`);
  }
  for (const [rel, text] of writes) {
    const file = path.join(chapter.dir, 'starter', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  forgetExercises(ctx.root, exercise ? [exercise.id] : chapter.exercises.map((e) => e.id));
  noteActivity(ctx.root, chapter.slug);
  console.log(`Restored ${files} from backup ${chosen.name}.`);
  return 0;
}
