import { findRepoRoot, ManifestError, MarkerError } from '@course/chapter-kit';
import { check } from './commands/check';
import type { Command } from './commands/command';
import { diff } from './commands/diff';
import { doctor } from './commands/doctor';
import { help } from './commands/help';
import { hint } from './commands/hint';
import { reset } from './commands/reset';
import { restore } from './commands/restore';
import { run } from './commands/run';
import { status } from './commands/status';
import { sync } from './commands/sync';
import { CourseError, failure, usageError } from './errors';

const COMMANDS: Record<string, Command> = {
  status,
  run,
  hint,
  diff,
  reset,
  restore,
  doctor,
  sync,
  check,
  help,
};

async function main(argv: string[]): Promise<number> {
  const [name = 'status', ...args] = argv;
  if (name === '--help' || name === '-h') return help({ root: '', cwd: process.cwd(), args });
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw usageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  const cwd = process.cwd();
  let root: string;
  try {
    root = findRepoRoot(cwd);
  } catch (error) {
    throw failure((error as Error).message, error);
  }
  return command({ root, cwd, args });
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
