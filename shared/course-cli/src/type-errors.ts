import fs from 'node:fs';
import path from 'node:path';
import { failure } from './errors';
import { courseDir } from './progress';
import { runProcess } from './process';

export interface TypeError {
  /** Relative to the folder tsc ran in, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** The message, with tsc's indented explanation lines joined in. */
  message: string;
}

export interface TypecheckResult {
  ok: boolean;
  errors: TypeError[];
  /** tsc's output, for when it failed without an error in the usual format. */
  output: string;
  aborted: boolean;
}

const ERROR_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Reads `tsc --pretty false` output: one error per `file(line,col): error TSnnnn: message` line. */
export function parseTypeErrors(output: string): TypeError[] {
  const errors: TypeError[] = [];
  for (const line of output.split('\n')) {
    const match = ERROR_LINE.exec(line.trimEnd());
    if (match) {
      const [, file, row, column, code, message] = match;
      errors.push({
        file: file!.split(path.sep).join('/'),
        line: Number(row),
        column: Number(column),
        message: `${message} (${code})`,
      });
    } else if (/^\s+\S/.test(line) && errors.length > 0) {
      errors[errors.length - 1]!.message += ` ${line.trim()}`;
    }
  }
  return errors;
}

/** `starter/a.ts:3:7: message`, the form editors and terminals turn into links. */
export function formatTypeError(error: TypeError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

/**
 * Runs the TypeScript of the folder `cwd` on `tsconfig`, incrementally: the build info is kept in the repository's
 * `.course/tsc/`, so a second run over unchanged files takes a fraction of the first.
 */
export async function runTypecheck(options: {
  root: string;
  cwd: string;
  tsconfig: string;
  /** Names the build-info file; one per tree. */
  key: string;
  signal?: AbortSignal;
}): Promise<TypecheckResult> {
  let tsc: string;
  try {
    tsc = require.resolve('typescript/bin/tsc', { paths: [options.cwd] });
  } catch (error) {
    throw failure(`typescript is not installed for ${options.cwd}; run pnpm install`, error);
  }
  const infoDir = path.join(courseDir(options.root), 'tsc');
  fs.mkdirSync(infoDir, { recursive: true });
  const args = [
    tsc,
    '-p',
    options.tsconfig,
    '--pretty',
    'false',
    '--incremental',
    '--tsBuildInfoFile',
    path.join(infoDir, `${options.key}.tsbuildinfo`),
  ];
  const { code, output, aborted } = await runProcess(process.execPath, args, {
    cwd: options.cwd,
    signal: options.signal,
  });
  return { ok: code === 0, errors: parseTypeErrors(output), output, aborted };
}
