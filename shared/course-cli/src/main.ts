import { findRepoRoot, ManifestError, MarkerError } from '@course/chapter-kit';
import type { check } from './commands/check';
import type { diff } from './commands/diff';
import type { doctor } from './commands/doctor';
import type { help } from './commands/help';
import type { hint } from './commands/hint';
import type { reset } from './commands/reset';
import type { restore } from './commands/restore';
import type { run } from './commands/run';
import type { status } from './commands/status';
import type { sync } from './commands/sync';
import type { Command } from './commands/command';
import { CourseError, failure, usageError } from './errors';

/**
 * Each command is loaded when it runs: `doctor` alone brings the Redis client and `check` the mutation tools, and
 * `course run` starts on every run of a learner's loop.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const COMMANDS: Record<string, () => Command> = {
  status: () => (require('./commands/status') as { status: typeof status }).status,
  run: () => (require('./commands/run') as { run: typeof run }).run,
  hint: () => (require('./commands/hint') as { hint: typeof hint }).hint,
  diff: () => (require('./commands/diff') as { diff: typeof diff }).diff,
  reset: () => (require('./commands/reset') as { reset: typeof reset }).reset,
  restore: () => (require('./commands/restore') as { restore: typeof restore }).restore,
  doctor: () => (require('./commands/doctor') as { doctor: typeof doctor }).doctor,
  sync: () => (require('./commands/sync') as { sync: typeof sync }).sync,
  check: () => (require('./commands/check') as { check: typeof check }).check,
  help: () => (require('./commands/help') as { help: typeof help }).help,
};
/* eslint-enable @typescript-eslint/no-require-imports */

async function main(argv: string[]): Promise<number> {
  const [name = 'status', ...args] = argv;
  if (name === '--help' || name === '-h') return COMMANDS.help!()({ root: '', cwd: process.cwd(), args });
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) throw usageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const cwd = process.cwd();
  let root: string;
  try {
    root = findRepoRoot(cwd);
  } catch (error) {
    throw failure((error as Error).message, error);
  }
  return load()({ root, cwd, args });
}

function report(error: unknown): number {
  if (error instanceof CourseError) {
    console.error(`course: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof ManifestError || error instanceof MarkerError) {
    console.error(`course: ${error.message}`);
    return 1;
  }
  console.error('course: unexpected error; please report it with this output:');
  console.error(error);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
