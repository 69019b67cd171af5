import fs from 'node:fs';
import path from 'node:path';
import { listFiles, type Chapter } from '@course/chapter-kit';
import type { GitView } from '../git';
import { pristineStarter } from '../starter';
import type { Item } from './report';

/**
 * The checked-in starter is what the generator makes. A generated file may match in the working tree or at
 * HEAD, so a learner's edits don't fail the check while a solution changed without `pnpm course sync` does.
 */
export function checkStarterSync(chapter: Chapter, root: string, git: GitView | undefined): Item {
  const scope = chapter.slug;
  let expected: Map<string, string>;
  try {
    expected = pristineStarter(chapter);
  } catch (error) {
    return { ok: false, scope, text: `starter: cannot be generated: ${(error as Error).message}` };
  }
  const starterDir = path.join(chapter.dir, 'starter');
  const relStarter = path.relative(root, starterDir);
  const matches = (rel: string, text: string): boolean => {
    const file = path.join(starterDir, rel);
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return true;
    return git?.headText(path.join(relStarter, rel)) === text;
  };
  const stale = [...expected].filter(([rel, text]) => !matches(rel, text)).map(([rel]) => rel);
  const present = git ? git.trackedFiles(relStarter) : listFiles(starterDir);
  const extra = present.filter((rel) => !expected.has(rel) && !rel.split('/').includes('generated'));
  if (stale.length === 0 && extra.length === 0) {
    return { ok: true, scope, text: `starter: in sync with solution/ (${expected.size} files)` };
  }
  return {
    ok: false,
    scope,
    text: 'starter: out of sync with solution/; run pnpm course sync',
    details: [
      ...stale.map((rel) => `starter/${rel} differs from what the generator makes`),
      ...extra.map((rel) => `starter/${rel} is not made by the generator (there is no solution/${rel})`),
    ],
  };
}
