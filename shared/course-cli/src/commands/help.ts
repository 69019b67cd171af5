import type { CommandContext } from './command';

export const HELP = `Usage: pnpm course [command]

Learning:
  status                      every chapter and exercise, and what to do next (the default)
  run <chapter|exercise>      run the tests against your starter/  [--solution] [--watch]
  hint <exercise>             reveal the next hint
  diff <chapter|exercise>     compare your starter/ with the solution  [--color | --no-color]
  reset <chapter|exercise>    restore the pristine starter; your files are backed up first  [--yes]
  restore [chapter|exercise]  list reset's backups, or put the newest back  [--from <backup>] [--yes]
  doctor                      check Node, pnpm, PostgreSQL, Redis and the chapters' ports

Writing chapters:
  sync [chapter]              regenerate starter/ from solution/; refuses to overwrite uncommitted work  [--force]
  check [chapter]             verify the chapter contract, as CI does (pnpm test runs it for every package, cached)

A chapter is 1, 01, 01-http-from-scratch, http-from-scratch, or . for the chapter you are in.
An exercise is its id, for example 1.3.`;

export async function help(_ctx: CommandContext): Promise<number> {
  console.log(HELP);
  return 0;
}
