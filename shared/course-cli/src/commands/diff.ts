import fs from 'node:fs';
import path from 'node:path';
import {
  exerciseFiles,
  listFiles,
  regionText,
  solutionFiles,
  withoutMarkers,
  type Chapter,
} from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { resolveTarget } from '../chapters';
import { stdoutPalette, type Palette } from '../color';
import { unifiedDiff } from '../diff';
import { failure } from '../errors';
import type { CommandContext } from './command';

const USAGE = 'pnpm course diff <chapter|exercise> [--color|--no-color]';

function read(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Every file of the chapter, the learner's own included, compared without the region markers. */
function chapterDiffs(chapter: Chapter, p: Palette): string[] {
  const starterDir = path.join(chapter.dir, 'starter');
  const solutionDir = path.join(chapter.dir, 'solution');
  const files = [...new Set([...listFiles(starterDir), ...solutionFiles(chapter.dir)])].sort();
  const text = (dir: string, rel: string): string | undefined => {
    const raw = read(path.join(dir, rel));
    return raw === undefined ? undefined : withoutMarkers(raw, rel);
  };
  return files.flatMap((rel) => {
    const mine = text(starterDir, rel);
    const theirs = text(solutionDir, rel);
    const patch = unifiedDiff(
      mine === undefined ? '/dev/null' : `starter/${rel}`,
      theirs === undefined ? '/dev/null' : `solution/${rel}`,
      mine ?? '',
      theirs ?? '',
      p,
    );
    return patch ? [patch] : [];
  });
}

/** The code inside an exercise's regions, with a final newline so that the diff compares whole lines. */
function regionsOf(text: string | undefined, id: string, file: string): string {
  if (text === undefined) return '';
  try {
    // A marker line between regions keeps the two sides' regions aligned in the diff.
    const inner = regionText(text, id, file, '\n⋯\n');
    return inner === '' ? '' : `${inner}\n`;
  } catch (error) {
    throw failure(
      `${(error as Error).message}; restore the markers, or start over with pnpm course reset ${id}`,
      error,
    );
  }
}

function exerciseDiffs(chapter: Chapter, id: string, p: Palette): string[] {
  const files = exerciseFiles(chapter.dir).get(id);
  if (!files) throw failure(`exercise ${id} has no #exercise region in ${chapter.slug}/solution`);
  return files.flatMap((rel) => {
    const mine = regionsOf(read(path.join(chapter.dir, 'starter', rel)), id, `starter/${rel}`);
    const theirs = regionsOf(read(path.join(chapter.dir, 'solution', rel)), id, `solution/${rel}`);
    const patch = unifiedDiff(
      `starter/${rel} (exercise ${id})`,
      `solution/${rel} (exercise ${id})`,
      mine,
      theirs,
      p,
    );
    return patch ? [patch] : [];
  });
}

/** Shows how the learner's starter differs from the solution, for a whole chapter or one exercise. */
export async function diff(ctx: CommandContext): Promise<number> {
  const options = { color: { type: 'boolean' } } as const;
  const { values, positionals } = parseCommandArgs(ctx.args, options, USAGE, { min: 1, max: 1 });
  const { chapter, exercise } = resolveTarget(ctx.root, positionals[0]!, ctx.cwd);
  const p = stdoutPalette(values.color);
  const patches = exercise ? exerciseDiffs(chapter, exercise.id, p) : chapterDiffs(chapter, p);
  if (patches.length === 0) {
    const what = exercise ? `exercise ${exercise.id}` : `${chapter.slug}/starter`;
    console.log(`No differences: ${what} matches the solution.`);
  } else {
    process.stdout.write(patches.join(''));
  }
  if (exercise) {
    console.log(
      p.dim(
        `Only the code inside exercise ${exercise.id}'s regions was compared. ` +
          `To see your changes outside them too: pnpm course diff ${chapter.number}`,
      ),
    );
  } else if (patches.length > 0) {
    console.log(p.dim('The #exercise/#end marker lines were left out of this comparison.'));
  }
  return 0;
}
