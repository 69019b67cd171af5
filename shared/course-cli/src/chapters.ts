import fs from 'node:fs';
import path from 'node:path';
import {
  chapterFolders,
  loadChapter,
  type Chapter,
  type ChapterFolder,
  type Exercise,
} from '@course/chapter-kit';
import { failure, usageError } from './errors';

const EXERCISE_ID = /^(\d+)\.\d+$/;

export { chapterFolders, type ChapterFolder } from '@course/chapter-kit';

export interface ExerciseRef {
  chapter: Chapter;
  exercise: Exercise;
}

/** A chapter, or one exercise of it: what `run`, `reset` and `diff` act on. */
export interface Target {
  chapter: Chapter;
  exercise?: Exercise;
}

export function hasManifest(folder: ChapterFolder): boolean {
  return fs.existsSync(path.join(folder.dir, 'chapter.json'));
}

/** Loads a chapter, turning a broken chapter.json into a one-line failure. */
export function openChapter(folder: ChapterFolder): Chapter {
  try {
    return loadChapter(folder.dir);
  } catch (error) {
    throw failure((error as Error).message, error);
  }
}

function known(root: string): string {
  const slugs = chapterFolders(root).map((f) => f.slug);
  return slugs.length > 0 ? `chapters: ${slugs.join(', ')}` : 'there are no chapters yet';
}

function chapterOfCwd(root: string, cwd: string): ChapterFolder | undefined {
  const rel = path.relative(path.join(root, 'chapters'), cwd);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const slug = rel.split(path.sep)[0];
  return chapterFolders(root).find((f) => f.slug === slug);
}

/** Accepts `1`, `01`, `01-http-from-scratch`, `http-from-scratch`, or `.` for the chapter around `cwd`. */
export function findChapterFolder(root: string, arg: string, cwd: string): ChapterFolder {
  const folders = chapterFolders(root);
  if (arg === '.') {
    const folder = chapterOfCwd(root, cwd);
    if (!folder)
      throw usageError(`"." means the chapter around the current folder, but ${cwd} is not inside one`);
    return folder;
  }
  const found = folders.find((f) =>
    /^\d+$/.test(arg) ? Number(arg) === Number(f.number) : f.slug === arg || f.slug.slice(3) === arg,
  );
  if (!found) throw usageError(`unknown chapter "${arg}" (${known(root)})`);
  return found;
}

export function isExerciseId(arg: string): boolean {
  return EXERCISE_ID.test(arg);
}

function exerciseRange(chapter: Chapter): string {
  const ids = chapter.exercises.map((e) => e.id);
  return ids.length === 1 ? `only ${ids[0]}` : `${ids[0]}–${ids[ids.length - 1]}`;
}

/** Finds exercise `1.3` in chapter 01. */
export function resolveExercise(root: string, id: string): ExerciseRef {
  const match = EXERCISE_ID.exec(id);
  if (!match) throw usageError(`"${id}" is not an exercise id; they look like 1.3`);
  const folder = chapterFolders(root).find((f) => Number(f.number) === Number(match[1]));
  if (!folder) throw usageError(`unknown exercise "${id}" (${known(root)})`);
  const chapter = openChapter(folder);
  const exercise = chapter.exercises.find((e) => e.id === id);
  if (!exercise)
    throw usageError(`unknown exercise "${id}" (chapter ${chapter.number} has ${exerciseRange(chapter)})`);
  return { chapter, exercise };
}

export function resolveChapter(root: string, arg: string, cwd: string): Chapter {
  return openChapter(findChapterFolder(root, arg, cwd));
}

/** An exercise id names one exercise; anything else names a whole chapter. */
export function resolveTarget(root: string, arg: string, cwd: string): Target {
  return isExerciseId(arg) ? resolveExercise(root, arg) : { chapter: resolveChapter(root, arg, cwd) };
}

export interface Course {
  chapters: Chapter[];
  /** Chapters whose chapter.json exists but does not load, with the reason. */
  broken: { slug: string; message: string }[];
}

/** The chapters that have a manifest; one broken chapter does not stop commands about the others. */
export function loadCourse(root: string): Course {
  const course: Course = { chapters: [], broken: [] };
  for (const folder of chapterFolders(root).filter(hasManifest)) {
    try {
      course.chapters.push(loadChapter(folder.dir));
    } catch (error) {
      course.broken.push({ slug: folder.slug, message: (error as Error).message });
    }
  }
  return course;
}
