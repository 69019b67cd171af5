import fs from 'node:fs';
import path from 'node:path';
import { writeStarter, type Chapter } from '@course/chapter-kit';
import { pristineStarter } from '../starter';

/** Every `generated/` folder below `dir`, relative to it. */
export function generatedFolders(dir: string, rel = ''): string[] {
  const here = path.join(dir, rel);
  if (!fs.existsSync(here)) return [];
  return fs
    .readdirSync(here, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .flatMap((entry) => {
      const sub = path.join(rel, entry.name);
      return entry.name === 'generated' ? [sub] : generatedFolders(dir, sub);
    });
}

/** Copies the chapter's solution, with its generated code, to `target` (for a mutant). */
export function copySolution(chapter: Chapter, target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(path.join(chapter.dir, 'solution'), target, { recursive: true });
}

/** Writes a generated starter to `dir`, with the generated code (tsoa routes, Prisma client) of starter/. */
export function buildStarter(chapter: Chapter, dir: string, files: Map<string, string>): void {
  const starterDir = path.join(chapter.dir, 'starter');
  fs.rmSync(dir, { recursive: true, force: true });
  writeStarter(dir, files);
  for (const rel of generatedFolders(starterDir)) {
    fs.cpSync(path.join(starterDir, rel), path.join(dir, rel), { recursive: true });
  }
}

/**
 * Writes the starter exactly as the generator makes it to `<chapter>/.course/pristine/`, plus the generated code
 * that the package's `generate` script put in starter/ (it is git-ignored, so the generator does not make it),
 * and a tsconfig that typechecks it. Returns the pristine folder.
 */
export function buildPristine(chapter: Chapter): string {
  const workDir = path.join(chapter.dir, '.course');
  const pristineDir = path.join(workDir, 'pristine');
  buildStarter(chapter, pristineDir, pristineStarter(chapter));
  const tsconfig = { extends: '../tsconfig.starter.json', include: ['pristine/**/*.ts'] };
  fs.writeFileSync(path.join(workDir, 'tsconfig.pristine.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return pristineDir;
}
