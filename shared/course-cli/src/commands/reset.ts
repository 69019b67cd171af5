import fs from 'node:fs';
import path from 'node:path';
import { exerciseFiles, replaceRegions, writeStarter, type Chapter } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { resolveTarget } from '../chapters';
import { backUpStarterFiles } from '../backup';
import { confirm } from '../confirm';
import { failure, usageError } from '../errors';
import { forgetExercises, noteActivity } from '../progress';
import { pristineStarter, starterChanges } from '../starter';
import { count } from '../text';
import type { CommandContext } from './command';

const USAGE = 'pnpm course reset <chapter|exercise> [--yes]';

interface Plan {
  what: string;
  /** Starter files (relative paths) that the reset rewrites or removes. */
  changed: string[];
  apply(): void;
  /** Exercises whose progress the reset clears. */
  exercises: string[];
}

function read(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Only the regions of one exercise change; the learner's other work in the same files stays. */
function exercisePlan(chapter: Chapter, id: string): Plan {
  const files = exerciseFiles(chapter.dir).get(id);
  if (!files) throw failure(`exercise ${id} has no #exercise region in ${chapter.slug}/solution`);
  const pristine = pristineStarter(chapter);
  const writes = new Map<string, string>();
  for (const rel of files) {
    const fresh = pristine.get(rel) ?? '';
    const current = read(path.join(chapter.dir, 'starter', rel));
    let next: string;
    try {
      next = current === undefined ? fresh : replaceRegions(current, fresh, id, `starter/${rel}`);
    } catch (error) {
      throw failure(
        `${(error as Error).message} To start the whole chapter over: pnpm course reset ${chapter.number}`,
      );
    }
    if (next !== current) writes.set(rel, next);
  }
  return {
    what: `exercise ${id}`,
    changed: [...writes.keys()],
    exercises: [id],
    apply: () => {
      for (const [rel, text] of writes) {
        const file = path.join(chapter.dir, 'starter', rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
      }
    },
  };
}

function chapterPlan(chapter: Chapter): Plan {
  const { pristine, rewritten, removed } = starterChanges(chapter);
  return {
    what: `chapter ${chapter.slug}`,
    changed: [...rewritten, ...removed].sort(),
    exercises: chapter.exercises.map((e) => e.id),
    apply: () => writeStarter(path.join(chapter.dir, 'starter'), pristine),
  };
}

/** Restores the pristine starter of an exercise or chapter, after backing up every file it changes. */
export async function reset(ctx: CommandContext): Promise<number> {
  const options = { yes: { type: 'boolean', short: 'y' } } as const;
  const { values, positionals } = parseCommandArgs(ctx.args, options, USAGE, { min: 1, max: 1 });
  if (!values.yes && !process.stdin.isTTY) {
    throw usageError('reset replaces files in starter/ and cannot ask for confirmation here; add --yes');
  }
  const { chapter, exercise } = resolveTarget(ctx.root, positionals[0]!, ctx.cwd);
  const plan = exercise ? exercisePlan(chapter, exercise.id) : chapterPlan(chapter);

  if (plan.changed.length === 0) {
    forgetExercises(ctx.root, plan.exercises);
    console.log(`Nothing to reset: ${plan.what} is already the pristine starter.`);
    return 0;
  }
  const files = plan.changed.map((rel) => `starter/${rel}`).join(', ');
  const scope = exercise
    ? ` (only the exercise's regions)`
    : ' (the whole starter/, your own files included)';
  if (
    !values.yes &&
    !(await confirm(`Reset ${plan.what}? This replaces ${files} in ${chapter.slug}${scope}.`))
  ) {
    console.log('Nothing was changed.');
    return 1;
  }

  const existing = plan.changed.filter((rel) => fs.existsSync(path.join(chapter.dir, 'starter', rel)));
  if (existing.length > 0) {
    const backup = backUpStarterFiles(ctx.root, chapter, existing, {
      reason: 'reset',
      exercise: exercise?.id,
    });
    console.log(`Backed up ${count(existing.length, 'file')} to ${path.relative(ctx.cwd, backup) || '.'}`);
  }
  plan.apply();
  forgetExercises(ctx.root, plan.exercises);
  noteActivity(ctx.root, chapter.slug);
  console.log(`Reset ${plan.what}: ${files}`);
  if (exercise) {
    console.log(
      `Only the code inside exercise ${exercise.id}'s regions was reset; your code outside them is unchanged. ` +
        `To start the whole chapter over: pnpm course reset ${chapter.number}`,
    );
  }
  console.log(`To undo: pnpm course restore ${exercise?.id ?? chapter.number}`);
  return 0;
}
