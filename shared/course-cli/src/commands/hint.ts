import { parseCommandArgs } from '../args';
import { resolveExercise } from '../chapters';
import { stdoutPalette } from '../color';
import { updateProgress } from '../progress';
import type { CommandContext } from './command';

const USAGE = 'pnpm course hint <exercise>';

/** Each call reveals one more hint, and repeats the earlier ones so they can be read together. */
export async function hint(ctx: CommandContext): Promise<number> {
  const { positionals } = parseCommandArgs(ctx.args, {}, USAGE, { min: 1, max: 1 });
  const { chapter, exercise } = resolveExercise(ctx.root, positionals[0]!);
  const p = stdoutPalette();
  const total = exercise.hints.length;

  let before = 0;
  const progress = updateProgress(ctx.root, (state) => {
    const entry = state.exercises[exercise.id] ?? {};
    before = Math.min(entry.hintsShown ?? 0, total);
    state.exercises[exercise.id] = { ...entry, hintsShown: Math.min(before + 1, total) };
    state.current = { chapter: chapter.slug, at: new Date().toISOString() };
  });
  const shown = progress.exercises[exercise.id]?.hintsShown ?? total;

  console.log(p.bold(`Exercise ${exercise.id}: ${exercise.title}, hint ${shown} of ${total}`));
  exercise.hints.slice(0, shown).forEach((text, index) => {
    const line = `  ${index + 1}. ${text}`;
    console.log(index === shown - 1 && before < shown ? line : p.dim(line));
  });
  console.log('');
  const diff = p.cyan(`pnpm course diff ${exercise.id}`);
  if (before === total) {
    console.log(`No more hints: all ${total} are shown. To compare your code with the solution, run ${diff}`);
  } else if (shown === total) {
    console.log(`That was the last hint. To compare your code with the solution, run ${diff}`);
  } else {
    console.log(`Still stuck? ${p.cyan(`pnpm course hint ${exercise.id}`)} reveals hint ${shown + 1}.`);
  }
  return 0;
}
