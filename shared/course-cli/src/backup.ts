import fs from 'node:fs';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { courseDir } from './progress';

/**
 * Copies starter files to `.course/backups/<timestamp>/<chapter>/starter/` before a reset changes them,
 * and returns that folder.
 */
export function backUpStarterFiles(root: string, chapter: Chapter, files: readonly string[]): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let base = path.join(courseDir(root), 'backups', stamp);
  for (let n = 2; fs.existsSync(base); n += 1) base = path.join(courseDir(root), 'backups', `${stamp}-${n}`);
  const dir = path.join(base, chapter.slug, 'starter');
  for (const rel of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(chapter.dir, 'starter', rel), target);
  }
  return dir;
}
