#!/usr/bin/env node
// `pnpm loop-times [NN …] [--runs N] [--unsolved]`: how long the learner's loop takes, measured the way
// docs/instructors.md ("Speed") reports it. For each chapter (all of them, or those named): one warm-up run, then
// the median of N runs of `pnpm course run NN --solution`, and the median of N runs of each of its exercises.
// It prints a Markdown table with the figures over the goals (5 s a chapter, 3 s an exercise) in bold, and the
// load average before and after, since on a busy machine wall times say little. Compare only figures measured in
// one sitting, or in alternation.
//
// With --unsolved it measures the run a learner makes before an exercise is done: for each exercise, the starter
// with the exercises before it done and the rest stubs (as `course check --deep` builds it for the order check),
// and jest on that exercise's tests as `course run N.M` starts it, without the CLI and the typecheck around it.
// Such a run should fail, and quickly; one that waits out its timeouts shows here.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const CHAPTER_GOAL_S = 5;
const EXERCISE_GOAL_S = 3;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, unsolved: { type: 'boolean', default: false } },
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

if (values.unsolved) {
  await unsolvedTimes();
  process.exit(failures.length > 0 ? 1 : 0);
}

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

/** --unsolved: each exercise's tests on the starter of a learner who has done the exercises before it. */
async function unsolvedTimes() {
  // The CLI's own code builds the starters and runs jest, through tsx as `pnpm course` does.
  const cli = createRequire(join(root, 'shared', 'course-cli', 'package.json'));
  cli('tsx/cjs/api').register();
  const { loadChapter } = cli('@course/chapter-kit');
  const { buildUnsolved, timeExercise } = cli('./src/unsolved.ts');
  const loadBefore = load();
  const rows = [];
  let total = 0;
  let within = 0;
  for (const name of chapters) {
    const chapter = loadChapter(join(root, 'chapters', name));
    process.stderr.write(`${name} `);
    const cells = [];
    for (const [index, { id }] of chapter.exercises.entries()) {
      process.stderr.write('.');
      const dir = buildUnsolved(chapter, id);
      if (index === 0) await timeExercise(chapter, id, dir); // warm-up: jest's cache, the template database
      const times = [];
      for (let run = 0; run < runs; run += 1) {
        const { seconds, passed } = await timeExercise(chapter, id, dir);
        if (passed) failures.push(id);
        times.push(seconds);
      }
      const seconds = median(times);
      total += 1;
      if (seconds <= EXERCISE_GOAL_S) within += 1;
      cells.push(mark(seconds, EXERCISE_GOAL_S, fmt(seconds)));
    }
    rmSync(join(chapter.dir, '.course', 'unsolved'), { recursive: true, force: true });
    process.stderr.write('\n');
    rows.push([Number(name.slice(0, 2)), `${cells.join(', ')} s`]);
  }
  const header = ['chapter', `its exercises, in order, unsolved${runs > 1 ? ` (medians of ${runs})` : ''}`];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('');
  console.log(
    `${runs} run${runs > 1 ? 's' : ''} each: ${within} of ${total} unsolved exercises fail within ` +
      `${EXERCISE_GOAL_S} s; load average ${loadBefore} before, ${load()} after`,
  );
  if (failures.length > 0) {
    console.log(`These passed although their exercise was not done: ${[...new Set(failures)].join(', ')}`);
  }
}
