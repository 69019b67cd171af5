import fs from 'node:fs';
import path from 'node:path';
import type { Chapter, Exercise } from '@course/chapter-kit';
import { failure } from './errors';

export type TestResult = 'passed' | 'failed';
export type ExerciseState = 'done' | 'failing' | 'type errors' | 'not started';

export interface ExerciseProgress {
  /** The outcome of the exercise's tests on the last starter run that included them. */
  result?: TestResult;
  /** False when the tests passed but the starter did not typecheck on that run. */
  typechecks?: boolean;
  ranAt?: string;
  /** How many hints `pnpm course hint` has revealed. */
  hintsShown?: number;
}

export interface Progress {
  exercises: Record<string, ExerciseProgress>;
  /** The chapter the learner last worked on (ran, reset, restored, asked a hint in), and when. */
  current?: { chapter: string; at: string };
}

/** Learner state lives in the git-ignored `.course/` folder at the repository root. */
export function courseDir(root: string): string {
  return path.join(root, '.course');
}

function progressFile(root: string): string {
  return path.join(courseDir(root), 'progress.json');
}

export function loadProgress(root: string): Progress {
  const file = progressFile(root);
  if (!fs.existsSync(file)) return { exercises: {} };
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Progress>;
    return { exercises: parsed.exercises ?? {}, current: parsed.current };
  } catch (error) {
    throw failure(`${file} is not valid JSON (${(error as Error).message}); fix or delete it`, error);
  }
}

function saveProgress(root: string, progress: Progress): void {
  const file = progressFile(root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so an interrupted run never leaves half a file behind.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(progress, null, 2)}\n`);
  fs.renameSync(temp, file);
}

/** Loads the progress file, lets `change` edit it, and saves it. */
export function updateProgress(root: string, change: (progress: Progress) => void): Progress {
  const progress = loadProgress(root);
  change(progress);
  saveProgress(root, progress);
  return progress;
}

export function recordResults(
  root: string,
  results: ReadonlyMap<string, TestResult>,
  typechecks = true,
): Progress {
  const ranAt = new Date().toISOString();
  return updateProgress(root, (progress) => {
    for (const [id, result] of results) {
      progress.exercises[id] = { ...progress.exercises[id], result, typechecks, ranAt };
    }
  });
}

/** Remembers that the learner is working on `chapter` (its slug), so that `Next:` points into it. */
export function noteActivity(root: string, chapter: string): void {
  updateProgress(root, (progress) => {
    progress.current = { chapter, at: new Date().toISOString() };
  });
}

export function forgetExercises(root: string, ids: readonly string[]): void {
  updateProgress(root, (progress) => {
    for (const id of ids) delete progress.exercises[id];
  });
}

export function exerciseState(progress: Progress, id: string): ExerciseState {
  const entry = progress.exercises[id];
  if (entry?.result === 'passed') return entry.typechecks === false ? 'type errors' : 'done';
  return entry?.result === 'failed' ? 'failing' : 'not started';
}

/** The chapter the learner worked on last: the latest of `current` and of the exercises' test runs. */
export function currentChapter(chapters: readonly Chapter[], progress: Progress): Chapter | undefined {
  let latest = progress.current;
  for (const chapter of chapters) {
    for (const { id } of chapter.exercises) {
      const at = progress.exercises[id]?.ranAt;
      if (at && (!latest || at > latest.at)) latest = { chapter: chapter.slug, at };
    }
  }
  return chapters.find((c) => c.slug === latest?.chapter);
}

/**
 * The next exercise to do: the first one not done in the chapter the learner is working on, then in the chapters
 * after it, then in those before it. Without any activity yet, the first of the course.
 */
export function nextExercise(
  chapters: readonly Chapter[],
  progress: Progress,
): { chapter: Chapter; exercise: Exercise } | undefined {
  const current = currentChapter(chapters, progress);
  const start = current ? chapters.indexOf(current) : 0;
  const order = [...chapters.slice(start), ...chapters.slice(0, start)];
  for (const chapter of order) {
    const exercise = chapter.exercises.find((e) => exerciseState(progress, e.id) !== 'done');
    if (exercise) return { chapter, exercise };
  }
  return undefined;
}
