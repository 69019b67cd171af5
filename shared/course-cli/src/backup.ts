import fs from 'node:fs';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { courseDir } from './progress';

/** Why a backup was made: the command that was about to replace the learner's files. */
export type BackupReason = 'reset' | 'restore' | 'sync';

export interface Backup {
  /** The backup's folder name under `.course/backups/`, which `pnpm course restore --from` takes. */
  name: string;
  /** The chapter's starter files as they were, below this folder. */
  dir: string;
  chapter: string;
  /** Set when only this exercise's regions were about to change. */
  exercise?: string;
  reason: BackupReason;
  createdAt: string;
  /** Files (relative to starter/) that the backup holds. */
  files: string[];
}

const META = 'backup.json';

function backupsDir(root: string): string {
  return path.join(courseDir(root), 'backups');
}

function listTree(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const sub = rel ? `${rel}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listTree(dir, sub) : [sub];
  });
}

/**
 * Copies starter files to `.course/backups/<timestamp>/<chapter>/starter/` before a command changes them, with a
 * `backup.json` that says what and why, and returns the starter folder of the backup.
 */
export function backUpStarterFiles(
  root: string,
  chapter: Chapter,
  files: readonly string[],
  why: { reason: BackupReason; exercise?: string },
): string {
  const createdAt = new Date().toISOString();
  const stamp = createdAt.replace(/[:.]/g, '-');
  let base = path.join(backupsDir(root), stamp);
  for (let n = 2; fs.existsSync(base); n += 1) base = path.join(backupsDir(root), `${stamp}-${n}`);
  const dir = path.join(base, chapter.slug, 'starter');
  for (const rel of files) {
    const target = path.join(dir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(chapter.dir, 'starter', rel), target);
  }
  const meta = {
    chapter: chapter.slug,
    exercise: why.exercise,
    reason: why.reason,
    createdAt,
    files: [...files],
  };
  fs.writeFileSync(path.join(base, META), `${JSON.stringify(meta, null, 2)}\n`);
  return dir;
}

function readBackup(base: string, name: string): Backup | undefined {
  const metaFile = path.join(base, META);
  if (fs.existsSync(metaFile)) {
    try {
      const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Omit<Backup, 'name' | 'dir'>;
      return { ...meta, name, dir: path.join(base, meta.chapter, 'starter') };
    } catch {
      return undefined;
    }
  }
  // Backups made before backup.json existed: one chapter folder holding starter files.
  const chapter = fs.readdirSync(base).find((entry) => fs.existsSync(path.join(base, entry, 'starter')));
  if (!chapter) return undefined;
  const dir = path.join(base, chapter, 'starter');
  const createdAt = fs.statSync(base).mtime.toISOString();
  return { name, dir, chapter, reason: 'reset', createdAt, files: listTree(dir) };
}

/** Every backup, newest first. */
export function listBackups(root: string): Backup[] {
  const dir = backupsDir(root);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readBackup(path.join(dir, entry.name), entry.name))
    .filter((backup): backup is Backup => backup !== undefined)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}
