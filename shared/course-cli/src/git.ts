import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function git(root: string, args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return result.status === 0 ? result.stdout : undefined;
}

/** Read-only views of the repository's last commit, used to tell a learner's edits from a stale starter. */
export interface GitView {
  /** The text of a file at HEAD, or undefined when HEAD does not have it. */
  headText(rel: string): string | undefined;
  /** Files git tracks below a folder, relative to that folder. */
  trackedFiles(relDir: string): string[];
}

/** A view of the repository at `root`, or undefined when `root` is not the top of a git checkout. */
export function openGit(root: string): GitView | undefined {
  const top = git(root, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top || fs.realpathSync(top) !== fs.realpathSync(root)) return undefined;
  const posix = (rel: string): string => rel.split(path.sep).join('/');
  return {
    headText: (rel) => git(root, ['show', `HEAD:${posix(rel)}`]),
    trackedFiles: (relDir) => {
      const prefix = `${posix(relDir)}/`;
      return (git(root, ['ls-files', '-z', '--', posix(relDir)]) ?? '')
        .split('\0')
        .filter((file) => file.startsWith(prefix))
        .map((file) => file.slice(prefix.length));
    },
  };
}
