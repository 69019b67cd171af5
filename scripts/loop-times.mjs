#!/usr/bin/env node
// `pnpm loop-times [NN …] [--runs N]`: how long the learner's loop takes, measured the way
// docs/instructors.md ("Speed") reports it. For each chapter (all of them, or those named): one warm-up run, then
// the median of N runs of `pnpm course run NN --solution`, and the median of N runs of each of its exercises.
// It prints a Markdown table with the figures over the goals (5 s a chapter, 3 s an exercise) in bold, and the
// load average before and after, since on a busy machine wall times say little. Compare only figures measured in
// one sitting, or in alternation.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const CHAPTER_GOAL_S = 5;
const EXERCISE_GOAL_S = 3;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a whole number of at least 1, not "${values.runs}"`);
  process.exit(2);
}

const root = new URL('..', import.meta.url).pathname;
const chapters = readdirSync(join(root, 'chapters'))
  .filter((name) => /^\d\d-/.test(name))
  .filter((name) => positionals.length === 0 || positionals.includes(name.slice(0, 2)))
  .sort();
if (chapters.length === 0) {
  console.error(`no chapter matches ${positionals.join(', ')}`);
  process.exit(2);
}

const failures = [];

/** Wall time in seconds of one `pnpm course run <what>` in the chapter's folder. */
function time(dir, what) {
  const started = process.hrtime.bigint();
  const result = spawnSync('pnpm', ['-s', 'course', 'run', what, '--solution'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) failures.push(what);
  return seconds;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (s) => s.toFixed(1);
const mark = (s, goal, text = `${fmt(s)} s`) => (s > goal ? `**${text}**` : text);
const load = () => loadavg()[0].toFixed(1);

const loadBefore = load();
const rows = [];
let exercisesTotal = 0;
let exercisesWithin = 0;
let chaptersWithin = 0;
for (const name of chapters) {
  const dir = join(root, 'chapters', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'chapter.json'), 'utf8'));
  const number = name.slice(0, 2);
  process.stderr.write(`${name} `);
  time(dir, number); // warm-up: the typecheck's record, jest's cache, the template database
  const chapterRuns = Array.from({ length: runs }, () => time(dir, number));
  const chapterMedian = median(chapterRuns);
  if (chapterMedian <= CHAPTER_GOAL_S) chaptersWithin += 1;
  const exercises = manifest.exercises.map(({ id }) => {
    process.stderr.write('.');
    const seconds = median(Array.from({ length: runs }, () => time(dir, id)));
    exercisesTotal += 1;
    if (seconds <= EXERCISE_GOAL_S) exercisesWithin += 1;
    return mark(seconds, EXERCISE_GOAL_S, fmt(seconds));
  });
  process.stderr.write('\n');
  const all = runs > 1 ? ` (${chapterRuns.map(fmt).join(', ')})` : '';
  rows.push([Number(number), `${mark(chapterMedian, CHAPTER_GOAL_S)}${all}`, `${exercises.join(', ')} s`]);
}

const header = [
  'chapter',
  `whole chapter${runs > 1 ? ` (median of ${runs})` : ''}`,
  `its exercises, in order${runs > 1 ? ', medians' : ''}`,
];
console.log(`| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log('');
console.log(
  `${runs} run${runs > 1 ? 's' : ''} each: ` +
    `${chaptersWithin} of ${rows.length} chapters within ${CHAPTER_GOAL_S} s, ` +
    `${exercisesWithin} of ${exercisesTotal} exercises within ${EXERCISE_GOAL_S} s; ` +
    `load average ${loadBefore} before, ${load()} after`,
);
if (failures.length > 0) {
  console.log(
    `These runs failed, so their figures are not of passing runs: ${[...new Set(failures)].join(', ')}`,
  );
  process.exit(1);
}
