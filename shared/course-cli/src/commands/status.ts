import type { Chapter, Exercise } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { loadCourse } from '../chapters';
import { stdoutPalette, type Palette } from '../color';
import { exerciseState, loadProgress, nextExercise, type ExerciseState, type Progress } from '../progress';
import type { CommandContext } from './command';

const USAGE = 'pnpm course status';

function mark(state: ExerciseState, p: Palette): string {
  if (state === 'done') return p.green('✓');
  return state === 'not started' ? p.dim('·') : p.red('✗');
}

/** The "Next: …" line that `status` and `run` end with. */
export function nextLine(next: { chapter: Chapter; exercise: Exercise } | undefined, p: Palette): string {
  if (!next) return p.green('Every exercise passes. Well done!');
  const { id, title } = next.exercise;
  return (
    `${p.bold('Next:')} ${id} ${title}. Run its tests with ${p.cyan(`pnpm course run ${id}`)}` +
    ` (stuck? ${p.cyan(`pnpm course hint ${id}`)})`
  );
}

export function printNext(chapters: readonly Chapter[], progress: Progress, p: Palette): void {
  console.log(nextLine(nextExercise(chapters, progress), p));
}

export async function status(ctx: CommandContext): Promise<number> {
  parseCommandArgs(ctx.args, {}, USAGE, { min: 0, max: 0 });
  const p = stdoutPalette();
  const { chapters, broken } = loadCourse(ctx.root);
  const progress = loadProgress(ctx.root);
  for (const chapter of chapters) {
    console.log(`${p.bold(`${chapter.number} ${chapter.title}`)}  ${p.dim(chapter.summary)}`);
    for (const exercise of chapter.exercises) {
      const state = exerciseState(progress, exercise.id);
      console.log(`  ${mark(state, p)} ${exercise.id} ${exercise.title} ${p.dim(`(${state})`)}`);
    }
    console.log('');
  }
  for (const chapter of broken) console.log(p.red(`${chapter.slug}: cannot be loaded: ${chapter.message}`));
  if (chapters.length === 0) {
    console.log('There are no chapters yet.');
    return 0;
  }
  printNext(chapters, progress, p);
  return 0;
}
