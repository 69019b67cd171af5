import fs from 'node:fs';
import path from 'node:path';
import type { Chapter, Exercise } from '@course/chapter-kit';
import { failure } from './errors';

export type TestResult = 'passed' | 'failed';
export type ExerciseState = 'done' | 'failing' | 'not started';

export interface ExerciseProgress {
  /** The outcome of the exercise's tests on the last starter run that included them. */
  result?: TestResult;
  ranAt?: string;
  /** How many hints `pnpm course hint` has revealed. */
  hintsShown?: number;
}

export interface Progress {
  exercises: Record<string, ExerciseProgress>;
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
    return { exercises: parsed.exercises ?? {} };
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

export function recordResults(root: string, results: ReadonlyMap<string, TestResult>): Progress {
  const ranAt = new Date().toISOString();
  return updateProgress(root, (progress) => {
    for (const [id, result] of results) {
      progress.exercises[id] = { ...progress.exercises[id], result, ranAt };
    }
  });
}

export function forgetExercises(root: string, ids: readonly string[]): void {
  updateProgress(root, (progress) => {
    for (const id of ids) delete progress.exercises[id];
  });
}

export function exerciseState(progress: Progress, id: string): ExerciseState {
  const result = progress.exercises[id]?.result;
  if (result === 'passed') return 'done';
  return result === 'failed' ? 'failing' : 'not started';
}

/** The first exercise of the course that is not done yet. */
export function nextExercise(
  chapters: readonly Chapter[],
  progress: Progress,
): { chapter: Chapter; exercise: Exercise } | undefined {
  for (const chapter of chapters) {
    const exercise = chapter.exercises.find((e) => exerciseState(progress, e.id) !== 'done');
    if (exercise) return { chapter, exercise };
  }
  return undefined;
}
