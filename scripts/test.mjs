#!/usr/bin/env node
// `pnpm test`: the whole course's contract. Each package's `check` (a chapter's `course check`, a shared package's
// tests) is a turbo task, cached by that package's files and those of the packages it depends on, so a second run
// with nothing changed replays the results in seconds. Then the checks that span chapters, which no package's cache
// can see, run every time. The last line totals everything, cached packages included: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const TOTALS = /^(\d+) passed, (\d+) failed$/;

/** Workspace packages that have the given script (`check` or `check:deep`), by name. */
function checkedPackages(script) {
  return ['chapters', 'shared', 'projects'].flatMap((group) => {
    const dir = join(root, group);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => join(dir, name, 'package.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')))
      .filter((pkg) => pkg.scripts?.[script])
      .map((pkg) => pkg.name);
  });
}

/** Runs a command, passing its output through line by line; `onLine` sees each line. */
function run(command, args, onLine) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [stream, out] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = '';
      stream.on('data', (chunk) => {
        out.write(chunk);
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop();
        lines.forEach(onLine);
      });
      stream.on('end', () => rest && onLine(rest));
    }
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const strip = (line) => line.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '').trim();

// `--deep` (`pnpm test:deep`): the chapters' `check:deep` instead, which adds the exercise-order steps and runs every
// mutant. It takes minutes per chapter, so it is for instructors before a merge, not for the learner's loop or CI.
const deep = process.argv.includes('--deep');
const task = deep ? 'check:deep' : 'check';

const results = new Map();
const turboArgs = ['exec', 'turbo', 'run', task, '--continue', '--concurrency=1', '--log-prefix=task'];
await run('pnpm', turboArgs, (line) => {
  const match = /^(\S+):check(?::deep)?: (.*)$/.exec(strip(line));
  const totals = match && TOTALS.exec(match[2].trim());
  if (totals) results.set(match[1], [Number(totals[1]), Number(totals[2])]);
});

let passed = 0;
let failed = 0;
for (const name of checkedPackages(task)) {
  const counts = results.get(name);
  if (counts) {
    passed += counts[0];
    failed += counts[1];
  } else {
    failed += 1;
    console.log(`✗ ${name}  its check printed no "N passed, N failed" line (see its output above)`);
  }
}

let across;
await run('pnpm', ['--silent', 'course', 'check', '--only-carried'], (line) => {
  const totals = TOTALS.exec(strip(line));
  if (totals) across = [Number(totals[1]), Number(totals[2])];
});
if (across) {
  passed += across[0];
  failed += across[1];
} else {
  failed += 1;
  console.log('✗ course check --only-carried printed no "N passed, N failed" line');
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
