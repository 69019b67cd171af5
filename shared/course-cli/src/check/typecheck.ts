import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { runProcess } from '../process';
import { count } from '../text';
import type { Item } from './report';

const MAX_LINES = 15;

/** Runs the chapter's own TypeScript on one tsconfig. */
export async function typecheck(chapter: Chapter, tsconfig: string, label: string): Promise<Item> {
  const scope = chapter.slug;
  let tsc: string;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [chapter.dir] });
  } catch {
    return {
      ok: false,
      scope,
      text: `${label}: typescript is not installed in the chapter; run pnpm install`,
    };
  }
  const { code, output } = await runProcess(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], {
    cwd: chapter.dir,
  });
  if (code === 0) return { ok: true, scope, text: `${label}: typechecks` };
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const errors = lines.filter((line) => /error TS\d+/.test(line)).length;
  return {
    ok: false,
    scope,
    text: `${label}: ${errors > 0 ? count(errors, 'type error') : 'type errors'} (tsc -p ${path.relative(chapter.dir, tsconfig)})`,
    details: [...lines.slice(0, MAX_LINES), ...(lines.length > MAX_LINES ? ['…'] : [])],
  };
}
