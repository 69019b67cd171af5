import fs from 'node:fs';
import path from 'node:path';
import { withoutMarkers, type Chapter } from '@course/chapter-kit';
import { count } from '../text';
import type { Item } from './report';

/**
 * Whether a carried file is the same as its source. An earlier chapter's exercise regions are solved in the chapter
 * that carries its code (they are no exercise there), so the markers are left out of the comparison; every line of
 * code must still be the same.
 */
function sameCode(mine: string, theirs: string, rel: string): boolean {
  return mine === theirs || withoutMarkers(mine, rel) === withoutMarkers(theirs, rel);
}

/**
 * Files that chapter.json says the chapter carries unchanged from an earlier one must have the same code as there,
 * so a fix made in one chapter cannot silently miss the other.
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
      if (sameCode(fs.readFileSync(mine, 'utf8'), fs.readFileSync(theirs, 'utf8'), rel)) return [];
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
