import path from 'node:path';
// The manifest alone: the package's index also loads the TypeScript compiler (to generate starters), and jest would
// compile its 9 MB again for every test file.
import { chapterOf, type Chapter } from '@course/chapter-kit/manifest';

let cached: Chapter | undefined;

/** The chapter of the test file that jest is running now. */
export function currentChapter(): Chapter {
  if (!cached) {
    const testPath = expect.getState().testPath;
    if (!testPath) throw new Error('currentChapter() must be called while jest loads a test file');
    cached = chapterOf(testPath);
  }
  return cached;
}

/** The title prefix that ties a test to an exercise; `pnpm course` matches tests by it. */
export function exerciseTitle(id: string, title: string): string {
  return `Exercise ${id}: ${title}`;
}

export const SCAFFOLD_PREFIX = 'Scaffold: ';

/**
 * Groups the tests of one exercise. The describe title names the exercise and its title from chapter.json,
 * so every failure message says which exercise it belongs to.
 */
export function exercise(id: string, fn: () => void): void {
  const chapter = currentChapter();
  const found = chapter.exercises.find((e) => e.id === id);
  if (!found) {
    throw new Error(`exercise ${id} is not in ${path.join(chapter.slug, 'chapter.json')}`);
  }
  describe(exerciseTitle(found.id, found.title), fn);
}

/** Groups tests of what the starter already provides; they pass before the learner starts. */
export function scaffold(title: string, fn: () => void): void {
  describe(`${SCAFFOLD_PREFIX}${title}`, fn);
}

/** Which code the tests run against: `starter`, `solution`, or a directory that `course check` built. */
export function target(): string {
  return process.env.COURSE_TARGET || 'starter';
}
