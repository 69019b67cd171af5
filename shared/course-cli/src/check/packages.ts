import fs from 'node:fs';
import path from 'node:path';
import { runJest } from '../jest-runner';
import type { Report } from './report';
import { testsItem, wholeSuite } from './tests';

/** Every workspace package under shared/ and projects/ that has its own jest config. */
export function testedPackages(root: string): string[] {
  return ['shared', 'projects'].flatMap((group) => {
    const dir = path.join(root, group);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'jest.config.js')))
      .map((entry) => path.join(dir, entry.name))
      .sort();
  });
}

export async function checkPackage(dir: string, root: string, report: Report): Promise<void> {
  const scope = path.relative(root, dir).split(path.sep).join('/');
  const run = await runJest({ cwd: dir, ...wholeSuite() });
  report.add(testsItem(scope, '', run, dir));
}
