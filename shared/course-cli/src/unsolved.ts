import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { buildStarter } from './check/pristine';
import { failure } from './errors';
import { selectTests } from './exercise-tests';
import { runJest, usesPostgres } from './jest-runner';
import { pristineStarter } from './starter';

/**
 * Where a learner stands who starts exercise `id`: the exercises before it, in the README's order, done (the
 * solution's code in their regions) and the rest still stubs. Written to `<chapter>/.course/unsolved/<id>/`, inside
 * the chapter so that its imports find the chapter's dependencies; returns that folder.
 */
export function buildUnsolved(chapter: Chapter, id: string): string {
  const index = chapter.exercises.findIndex((exercise) => exercise.id === id);
  if (index < 0) throw failure(`${chapter.slug} has no exercise ${id}`);
  const done = new Set(chapter.exercises.slice(0, index).map((exercise) => exercise.id));
  const dir = path.join(chapter.dir, '.course', 'unsolved', id);
  buildStarter(chapter, dir, pristineStarter(chapter, done));
  return dir;
}

/**
 * Runs exercise `id`'s tests on the code in `dir` the way `course run <id>` runs them on the starter, without the
 * typecheck beside them and the CLI around them: how long jest took, and whether the tests passed.
 */
export async function timeExercise(
  chapter: Chapter,
  id: string,
  dir: string,
): Promise<{ seconds: number; passed: boolean }> {
  const started = process.hrtime.bigint();
  const run = await runJest({
    cwd: chapter.dir,
    target: dir,
    ...selectTests(chapter, id),
    usesPostgres: usesPostgres(chapter),
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, passed: run.code === 0 };
}
