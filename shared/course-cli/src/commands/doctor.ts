import type { Chapter, Service } from '@course/chapter-kit';
import { DEFAULT_DATABASE_URL } from '@course/db-migrate/probe';
import { parseCommandArgs } from '../args';
import { loadCourse } from '../chapters';
import { stdoutPalette } from '../color';
import { checkPort } from '../doctor/ports';
import type { CheckResult } from '../doctor/result';
import { checkPostgres, checkRedis, DEFAULT_REDIS_URL } from '../doctor/services';
import { checkNode, checkPnpm } from '../doctor/toolchain';
import type { CommandContext } from './command';

const USAGE = 'pnpm course doctor';
const SERVICE_NAMES: Record<Service, string> = { postgres: 'PostgreSQL', redis: 'Redis' };

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
  const down = new Set<Service>();
  for (const [index, check] of checks.entries()) {
    const result = await check();
    if (!result.ok && index === 2) down.add('postgres');
    if (!result.ok && index === 3) down.add('redis');
    if (!result.ok && !result.warning) failed += 1;
    const mark = result.ok ? p.green('✓') : result.warning ? p.yellow('⚠') : p.red('✗');
    console.log(`${mark} ${result.summary}`);
    for (const line of result.remedy) console.log(`    ${line}`);
  }
  console.log('');
  console.log(
    failed === 0
      ? p.green(`All ${checks.length} checks passed${down.size > 0 ? ' (⚠: not needed yet)' : ''}.`)
      : p.red(`${failed} of ${checks.length} checks failed; the lines under each ✗ say how to fix it.`),
  );
  const waiting = chapters.filter((c) => c.services.some((s) => down.has(s)));
  if (waiting.length > 0) {
    const ready = chapters.filter((c) => !waiting.includes(c)).map((c) => c.slug);
    console.log(`Ready to run now: ${ready.length > 0 ? ready.join(', ') : 'none'}.`);
    for (const chapter of waiting) {
      const needs = chapter.services.filter((s) => down.has(s)).map((s) => SERVICE_NAMES[s]);
      console.log(`Waiting for ${needs.join(' and ')}: ${chapter.slug}.`);
    }
  }
  return failed === 0 ? 0 : 1;
}
