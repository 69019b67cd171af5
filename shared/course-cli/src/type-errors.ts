import fs from 'node:fs';
import path from 'node:path';
import { failure } from './errors';
import { courseDir } from './progress';
import { runProcess, type ProcessResult } from './process';
import { readRecord, sourceFiles, stillHolds, writeRecord } from './typecheck-record';

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
  /** The result of an earlier typecheck that still holds: nothing it read has changed since (typecheck-record.ts). */
  reused: boolean;
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

/** A tsc: the native binary, run directly, or TypeScript 6's script, run with Node. */
export interface Compiler {
  path: string;
  native: boolean;
}

/**
 * The compiler for the learner's typecheck: TypeScript 7, the native port, when its binary for this platform is
 * installed, and otherwise the TypeScript of the folder. Both report the same errors in the same form; the native one
 * takes about a fifth of the time after an edit, time that `course run` would otherwise spend waiting for it after
 * the tests. TypeScript 7 has no compiler API, so everything else (typescript-eslint, the starter generator, the
 * packages' own `typecheck` scripts) stays on the folder's TypeScript, and so does `course check`, whose typecheck
 * is the course's proof.
 */
export function typescriptCompiler(cwd: string, { native = true } = {}): Compiler {
  if (native) {
    try {
      const dir = path.dirname(require.resolve('typescript-native/package.json'));
      const binary = `@typescript/typescript-${process.platform}-${process.arch}/package.json`;
      const exe = path.join(path.dirname(require.resolve(binary, { paths: [dir] })), 'lib', 'tsc');
      const file = process.platform === 'win32' ? `${exe}.exe` : exe;
      if (fs.existsSync(file)) return { path: file, native: true };
    } catch {
      // No binary for this platform: the folder's TypeScript does the same work, more slowly.
    }
  }
  try {
    return { path: require.resolve('typescript/bin/tsc', { paths: [cwd] }), native: false };
  } catch (error) {
    throw failure(`typescript is not installed for ${cwd}; run pnpm install`, error);
  }
}

/**
 * Runs the TypeScript of the folder `cwd` on `tsconfig`, incrementally: the build info is kept in the repository's
 * `.course/tsc/`, so a second run over unchanged files takes a fraction of the first. When nothing that the last
 * run read has changed, its result is given again without starting tsc.
 */
export async function runTypecheck(options: {
  root: string;
  cwd: string;
  tsconfig: string;
  /** Names the build-info file; one per tree. */
  key: string;
  signal?: AbortSignal;
  /** The compiler to try first; typescriptCompiler()'s choice when omitted. */
  compiler?: Compiler;
}): Promise<TypecheckResult> {
  let tsc = options.compiler ?? typescriptCompiler(options.cwd);
  const infoDir = path.join(courseDir(options.root), 'tsc');
  fs.mkdirSync(infoDir, { recursive: true });
  const buildInfoFile = path.join(infoDir, `${options.key}.tsbuildinfo`);
  const recordFile = path.join(infoDir, `${options.key}.result.json`);
  // What pnpm install rewrites: a dependency that changed version brings other declaration files.
  const installs = ['pnpm-lock.yaml', path.join('node_modules', '.modules.yaml')]
    .map((file) => path.join(options.root, file))
    .filter((file) => fs.existsSync(file));
  const current = {
    tsc: tsc.path,
    tsconfig: options.tsconfig,
    sources: sourceFiles(options.cwd),
    buildInfoFile,
    installs,
  };
  const record = readRecord(recordFile);
  if (stillHolds(record, current)) return resultOf(record.code, record.output, false, true);

  const startedAt = Date.now();
  const args = [
    '-p',
    options.tsconfig,
    '--pretty',
    'false',
    '--incremental',
    '--tsBuildInfoFile',
    buildInfoFile,
  ];
  const run = (compiler: Compiler) =>
    runProcess(
      compiler.native ? compiler.path : process.execPath,
      [...(compiler.native ? [] : [compiler.path]), ...args],
      {
        cwd: options.cwd,
        signal: options.signal,
      },
    );
  let result: ProcessResult;
  try {
    result = await run(tsc);
  } catch (error) {
    if (!tsc.native) throw error;
    // The binary is there but does not start (a file system that does not let it execute, say): TypeScript 6 does
    // the same work.
    tsc = typescriptCompiler(options.cwd, { native: false });
    result = await run(tsc);
  }
  const { code, output, aborted } = result;
  // tsc exits with 0 (no errors), 1 or 2 (errors reported); anything else, or a stop, is no result to keep.
  if (!aborted && code !== null && code <= 2) {
    const { sources } = current;
    writeRecord(recordFile, { tsc: tsc.path, tsconfig: options.tsconfig, startedAt, sources, code, output });
  }
  return resultOf(code, output, aborted, false);
}

function resultOf(code: number | null, output: string, aborted: boolean, reused: boolean): TypecheckResult {
  return { ok: code === 0, errors: parseTypeErrors(output), output, aborted, reused };
}
