import fs from 'node:fs';
import path from 'node:path';

/*
 * `tsc --incremental` skips checking files that did not change, but it still reads, parses and binds every file of
 * the program, some 750 of them in a Prisma chapter: about 4 s on a 2-core machine with TypeScript 6, more than the
 * tests of one exercise take, and still about half a second with the native TypeScript 7. When nothing the last typecheck read has changed since it started, and no source file has come or
 * gone, its result still holds, and `course run` reports it again without starting tsc.
 */

/** What a typecheck saw and said, kept beside its build info. */
export interface TypecheckRecord {
  /** The tsc and the tsconfig it ran with; another one means another result. */
  tsc: string;
  tsconfig: string;
  /** When tsc started (ms since the epoch): a file changed after that may not be in its result. */
  startedAt: number;
  /** The TypeScript files of the folder, as `sourceFiles()` lists them, when tsc started. */
  sources: string[];
  code: number;
  output: string;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/** The folder's TypeScript files, relative and sorted, without node_modules, build output and dot folders. */
export function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (SOURCE.test(entry.name)) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** The tsconfig and the local ones it extends, nearest first. */
export function tsconfigChain(tsconfig: string): string[] {
  const chain = [tsconfig];
  for (let file = tsconfig; chain.length < 10;) {
    // tsconfig files may hold comments, so the `extends` is found by pattern rather than by JSON.parse.
    const extended = /"extends"\s*:\s*"([^"]+)"/.exec(fs.readFileSync(file, 'utf8'))?.[1];
    // Only a relative or absolute path names a file here; a package's config changes only with its version.
    if (!extended || !/^(\.{1,2}\/|\/)/.test(extended)) break;
    file = path.resolve(path.dirname(file), extended.endsWith('.json') ? extended : `${extended}.json`);
    chain.push(file);
  }
  return chain;
}

/**
 * Every file of the program that tsc recorded in its build info, as absolute paths; empty when there is none.
 * TypeScript 7 names its default libraries without a folder (`lib.es5.d.ts`): they are inside its binary, which
 * changes only with its version, and so with the record's `tsc`.
 */
function programFiles(buildInfoFile: string): string[] {
  try {
    const info = JSON.parse(fs.readFileSync(buildInfoFile, 'utf8')) as { fileNames?: unknown };
    if (!Array.isArray(info.fileNames)) return [];
    const dir = path.dirname(buildInfoFile);
    return info.fileNames
      .map(String)
      .filter((name) => !/^lib\.[\w.]+\.d\.ts$/.test(name))
      .map((name) => path.resolve(dir, name));
  } catch {
    return [];
  }
}

function modifiedAt(file: string): number | undefined {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Whether `record` is still the answer: the same tsc and tsconfig, the same source files, and nothing that tsc read
 * (every file of the program, the tsconfig chain, the install's own files) modified since it started.
 */
export function stillHolds(
  record: TypecheckRecord | undefined,
  current: {
    tsc: string;
    tsconfig: string;
    sources: string[];
    buildInfoFile: string;
    /** More files whose change makes the record stale. */
    installs: string[];
  },
): record is TypecheckRecord {
  if (!record || record.tsc !== current.tsc || record.tsconfig !== current.tsconfig) return false;
  if (record.sources.join('\n') !== current.sources.join('\n')) return false;
  const files = programFiles(current.buildInfoFile);
  if (files.length === 0) return false;
  return [...files, ...tsconfigChain(current.tsconfig), ...current.installs].every((file) => {
    const time = modifiedAt(file);
    return time !== undefined && time < record.startedAt;
  });
}

export function readRecord(file: string): TypecheckRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TypecheckRecord;
  } catch {
    return undefined;
  }
}

export function writeRecord(file: string, record: TypecheckRecord): void {
  // Written whole and then renamed, so that a run stopped halfway leaves no half record behind.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(record));
  fs.renameSync(temp, file);
}
