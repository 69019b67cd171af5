import fs from 'node:fs';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { count } from '../text';
import type { Item } from './report';

/**
 * Files that chapter.json says the chapter carries unchanged from an earlier one must be byte-identical to it, so
 * a fix made in one chapter cannot silently miss the other.
 */
export function checkCarried(chapter: Chapter, root: string): Item[] {
  const scope = chapter.slug;
  return chapter.carries.map(({ from, files }) => {
    const fromDir = path.join(root, 'chapters', from);
    if (!fs.existsSync(fromDir)) {
      return { ok: false, scope, text: `carried: chapters/${from} does not exist (chapter.json "carries")` };
    }
    const problems = files.flatMap((rel) => {
      const mine = path.join(chapter.dir, rel);
      const theirs = path.join(fromDir, rel);
      if (!fs.existsSync(theirs)) return [`chapters/${from}/${rel} does not exist`];
      if (!fs.existsSync(mine)) return [`${rel} does not exist (it is carried from ${from})`];
      if (fs.readFileSync(mine).equals(fs.readFileSync(theirs))) return [];
      return [`${rel} differs: diff -u chapters/${from}/${rel} chapters/${chapter.slug}/${rel}`];
    });
    if (problems.length === 0) {
      return { ok: true, scope, text: `carried: ${count(files.length, 'file')} match ${from}` };
    }
    return {
      ok: false,
      scope,
      text: `carried: ${count(problems.length, 'file')} no longer ${problems.length === 1 ? 'matches' : 'match'} ${from}`,
      details: [
        ...problems,
        'Make the same change in both chapters, or drop the file from "carries" in chapter.json if it now differs on purpose.',
      ],
    };
  });
}
