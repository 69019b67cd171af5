import type { Chapter, Service } from '@course/chapter-kit';
import { parseCommandArgs } from '../args';
import { loadCourse } from '../chapters';
import { stdoutPalette } from '../color';
import { checkPort } from '../doctor/ports';
import type { CheckResult } from '../doctor/result';
import { checkPostgres, checkRedis, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '../doctor/services';
import { checkNode, checkPnpm } from '../doctor/toolchain';
import type { CommandContext } from './command';

const USAGE = 'pnpm course doctor';

function slugsUsing(chapters: readonly Chapter[], service: Service): string[] {
  return chapters.filter((c) => c.services.includes(service)).map((c) => c.slug);
}

function chaptersByPort(chapters: readonly Chapter[]): Map<number, string[]> {
  const ports = new Map<number, string[]>();
  for (const chapter of chapters) {
    if (chapter.port !== undefined)
      ports.set(chapter.port, [...(ports.get(chapter.port) ?? []), chapter.slug]);
  }
  return new Map([...ports].sort(([a], [b]) => a - b));
}

/** Checks everything the chapters need on this machine, and says how to fix what is missing. */
export async function doctor(ctx: CommandContext): Promise<number> {
  parseCommandArgs(ctx.args, {}, USAGE, { min: 0, max: 0 });
  const p = stdoutPalette();
  const { chapters } = loadCourse(ctx.root);
  const checks: (() => CheckResult | Promise<CheckResult>)[] = [
    () => checkNode(ctx.root),
    () => checkPnpm(ctx.root),
    () => checkPostgres(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, slugsUsing(chapters, 'postgres')),
    () => checkRedis(process.env.REDIS_URL || DEFAULT_REDIS_URL, slugsUsing(chapters, 'redis')),
    ...[...chaptersByPort(chapters)].map(
      ([port, slugs]) =>
        () =>
          checkPort(port, slugs),
    ),
  ];
  let failed = 0;
  for (const check of checks) {
    const result = await check();
    if (!result.ok) failed += 1;
    console.log(`${result.ok ? p.green('✓') : p.red('✗')} ${result.summary}`);
    for (const line of result.remedy) console.log(`    ${line}`);
  }
  console.log('');
  console.log(
    failed === 0
      ? p.green(`All ${checks.length} checks passed.`)
      : p.red(`${failed} of ${checks.length} checks failed; the lines under each ✗ say how to fix it.`),
  );
  return failed === 0 ? 0 : 1;
}
