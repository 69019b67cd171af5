import fs from 'node:fs';
import path from 'node:path';
import { generateStarter, listFiles, type Chapter } from '@course/chapter-kit';
import { failure } from './errors';

/**
 * What the generator makes from the chapter's solution: relative path -> text. With `solved`, those exercises'
 * regions keep the solution's code.
 */
export function pristineStarter(chapter: Chapter, solved?: ReadonlySet<string>): Map<string, string> {
  const titles = new Map(chapter.exercises.map((e) => [e.id, e.title]));
  try {
    return generateStarter(chapter.dir, titles, solved);
  } catch (error) {
    throw failure(`${chapter.slug}: ${(error as Error).message}`, error);
  }
}

export interface StarterChanges {
  pristine: Map<string, string>;
  /** Files of starter/ (relative paths) that differ from the generator's or are missing. */
  rewritten: string[];
  /** Files in starter/ that the generator does not make. */
  removed: string[];
}

/** How the chapter's starter/ differs from what the generator makes; writeStarter() would apply it. */
export function starterChanges(chapter: Chapter): StarterChanges {
  const starterDir = path.join(chapter.dir, 'starter');
  const pristine = pristineStarter(chapter);
  const differs = (rel: string, text: string): boolean => {
    const file = path.join(starterDir, rel);
    return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
  };
  return {
    pristine,
    rewritten: [...pristine].filter(([rel, text]) => differs(rel, text)).map(([rel]) => rel),
    removed: listFiles(starterDir).filter((rel) => !pristine.has(rel)),
  };
}
