import fs from 'node:fs';
import path from 'node:path';
import type ts from 'typescript';

/*
 * Starters are generated from marked regions of the solution, so the two cannot drift.
 *
 * In a solution file:
 *
 *     // #exercise 1.1
 *     ...the reference code, removed from the starter...
 *     // #starter
 *     // ...optional stub, uncommented into the starter...
 *     // #end
 *
 * Without a `#starter` part the stub is a `throw` that names the exercise. The comment leader may be
 * `//`, `--` (SQL) or `#`. In the generated starter the region keeps its markers, which is what lets
 * `pnpm course reset` and `pnpm course diff` find one exercise inside a file the learner has edited.
 */

const START = /^(\s*)(\/\/|--|#)\s*#exercise\s+(\d+\.\d+)\b.*$/;
const STUB = /^\s*(\/\/|--|#)\s*#starter\s*$/;
const END = /^\s*(\/\/|--|#)\s*#end\b.*$/;

export interface Region {
  exercise: string;
  /** 0-based index of the `#exercise` line. */
  start: number;
  /** 0-based index of the `#starter` line, when the region has one. */
  stub?: number;
  /** 0-based index of the `#end` line. */
  end: number;
  indent: string;
  leader: string;
}

export class MarkerError extends Error {
  override name = 'MarkerError';
}

/** Finds the exercise regions of a file; regions cannot nest and every one must be closed. */
export function parseRegions(text: string, file: string): Region[] {
  const lines = text.split('\n');
  const regions: Region[] = [];
  let open: Region | undefined;
  lines.forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    const start = START.exec(line);
    if (start) {
      if (open)
        throw new MarkerError(`${where}: #exercise ${start[3]} starts inside #exercise ${open.exercise}`);
      open = { exercise: start[3]!, start: index, end: -1, indent: start[1]!, leader: start[2]! };
    } else if (STUB.test(line)) {
      if (!open) throw new MarkerError(`${where}: #starter outside an #exercise region`);
      if (open.stub !== undefined)
        throw new MarkerError(`${where}: a second #starter in exercise ${open.exercise}`);
      open.stub = index;
    } else if (END.test(line)) {
      if (!open) throw new MarkerError(`${where}: #end without #exercise`);
      open.end = index;
      regions.push(open);
      open = undefined;
    }
  });
  if (open)
    throw new MarkerError(`${file}:${open.start + 1}: #exercise ${open.exercise} is never closed with #end`);
  return regions;
}

function uncomment(line: string, leader: string): string {
  const match = /^(\s*)(\/\/|--|#) ?(.*)$/.exec(line);
  if (!match || match[2] !== leader) return line;
  return `${match[1] ?? ''}${match[3] ?? ''}`;
}

let compiler: typeof ts | undefined;

/**
 * The TypeScript compiler, loaded on first use: it is 9 MB of JavaScript, and most users of this package (every
 * `pnpm course` command, every test file through the harness) never generate a starter.
 */
function typescript(): typeof ts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiler ??= require('typescript') as typeof ts;
  return compiler;
}

/** The name a function-like node is known by: `toBook` for a method, a function or `const toBook = () => …`. */
function functionName(node: ts.Node): string | undefined {
  const ts = typescript();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  ) {
    return node.name?.getText();
  }
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    const { parent } = node;
    if (
      ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent)
    ) {
      return parent.name.getText();
    }
    return ts.isFunctionExpression(node) ? node.name?.text : undefined;
  }
  return undefined;
}

/** The innermost named function, method or arrow function around each line (0-based), if any. */
function enclosingFunctions(text: string, file: string, lines: readonly number[]): (string | undefined)[] {
  const ts = typescript();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  return lines.map((line) => {
    const pos = source.getPositionOfLineAndCharacter(line, 0);
    let found: string | undefined;
    const visit = (node: ts.Node): void => {
      if (pos < node.getFullStart() || pos >= node.getEnd()) return;
      found = functionName(node) ?? found;
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
}

/** `what` names the stub in its message: the exercise's title, or the function when a file has several stubs. */
function defaultStub(region: Region, what: string): string[] {
  if (region.leader !== '//') {
    throw new MarkerError(
      `exercise ${region.exercise}: a region commented with "${region.leader}" needs a #starter part`,
    );
  }
  const message = `Exercise ${region.exercise} is not done yet: ${what}`
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'");
  return [`${region.indent}throw new Error('${message}');`];
}

/**
 * The starter's text for one region: its markers, with the stub in between. `stubName` (for example `toBook()`)
 * replaces the title in a thrown stub's message, so that several stubs in one file throw different errors.
 */
export function starterRegion(lines: string[], region: Region, title: string, stubName?: string): string[] {
  const { indent, leader, exercise } = region;
  const stub =
    region.stub === undefined
      ? defaultStub(region, stubName ?? title)
      : lines.slice(region.stub + 1, region.end).map((line) => uncomment(line, leader));
  return [
    `${indent}${leader} #exercise ${exercise}: ${title}. Stuck? pnpm course hint ${exercise}`,
    ...stub,
    `${indent}${leader} #end`,
  ];
}

/** A region as a learner who solved it like the solution has it: the starter's markers around the solution's code. */
function solvedRegion(lines: string[], region: Region, title: string): string[] {
  const markers = starterRegion(lines, { ...region, stub: region.end }, title);
  return [
    markers[0]!,
    ...lines.slice(region.start + 1, region.stub ?? region.end),
    markers[markers.length - 1]!,
  ];
}

/** When a file has several thrown stubs, each one's message names its function (`toBook()`); else none does. */
function stubNames(text: string, file: string, regions: readonly Region[]): (string | undefined)[] {
  const thrown = regions.filter((r) => r.stub === undefined && r.leader === '//');
  if (thrown.length < 2 || !/\.[cm]?[jt]sx?$/.test(file)) return regions.map(() => undefined);
  const functions = enclosingFunctions(
    text,
    file,
    regions.map((r) => r.start),
  );
  return regions.map((r, index) => {
    const name = functions[index];
    return r.stub === undefined && name ? `${name}()` : undefined;
  });
}

/**
 * Turns one solution file into its starter. `titles` maps exercise ids to titles. The regions of exercises in
 * `solved` keep the solution's code (between the same markers), which is how `course check` builds the starter
 * of a learner who has done those exercises and no others.
 */
export function toStarter(
  text: string,
  file: string,
  titles: ReadonlyMap<string, string>,
  solved: ReadonlySet<string> = new Set(),
): string {
  const lines = text.split('\n');
  const regions = parseRegions(text, file);
  const names = stubNames(text, file, regions);
  const out: string[] = [];
  let next = 0;
  regions.forEach((region, index) => {
    const title = titles.get(region.exercise);
    if (title === undefined)
      throw new MarkerError(
        `${file}:${region.start + 1}: exercise ${region.exercise} is not in chapter.json`,
      );
    const body = solved.has(region.exercise)
      ? solvedRegion(lines, region, title)
      : starterRegion(lines, region, title, names[index]);
    out.push(...lines.slice(next, region.start), ...body);
    next = region.end + 1;
  });
  out.push(...lines.slice(next));
  return out.join('\n');
}

/** Replaces the regions of `exercise` in `current` with those of `pristine` (both starter texts). */
export function replaceRegions(current: string, pristine: string, exercise: string, file: string): string {
  const currentLines = current.split('\n');
  const pristineLines = pristine.split('\n');
  let mine: Region[];
  try {
    mine = parseRegions(current, file).filter((r) => r.exercise === exercise);
  } catch (error) {
    throw new MarkerError(`${(error as Error).message}; were the #exercise/#end markers edited or removed?`);
  }
  const theirs = parseRegions(pristine, file).filter((r) => r.exercise === exercise);
  if (mine.length !== theirs.length) {
    throw new MarkerError(
      `${file}: expected ${theirs.length} region(s) of exercise ${exercise} but found ${mine.length}; ` +
        'were the #exercise/#end markers edited or removed?',
    );
  }
  const out: string[] = [];
  let next = 0;
  mine.forEach((region, index) => {
    const fresh = theirs[index]!;
    out.push(...currentLines.slice(next, region.start), ...pristineLines.slice(fresh.start, fresh.end + 1));
    next = region.end + 1;
  });
  out.push(...currentLines.slice(next));
  return out.join('\n');
}

/** The text inside each region of one exercise (without markers or #starter part), in file order. */
export function regionTexts(text: string, exercise: string, file: string): string[] {
  const lines = text.split('\n');
  return parseRegions(text, file)
    .filter((r) => r.exercise === exercise)
    .map((r) => lines.slice(r.start + 1, r.stub ?? r.end).join('\n'));
}

/** The regions of one exercise joined by `separator`; used to diff one exercise. */
export function regionText(text: string, exercise: string, file: string, separator = '\n'): string {
  return regionTexts(text, exercise, file).join(separator);
}

const IGNORED_DIRS = new Set(['node_modules', 'generated', 'dist', '.course']);

/** Relative paths of every file below `dir`, skipping generated and installed folders. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.posix.join(sub, entry.name);
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) walk(rel);
      } else if (entry.isFile()) {
        files.push(rel);
      }
    }
  };
  walk('');
  return files.sort();
}

/**
 * Files of solution/ that are for the course's checks, not for learners: the generator never copies them into
 * starter/ (`mutants.json` holds solution lines, so it must not reach the learner's folder).
 */
export const SOLUTION_ONLY_FILES: readonly string[] = ['mutants.json'];

/** The files of a chapter's solution/ that have a starter counterpart (relative paths). */
export function solutionFiles(chapterDir: string): string[] {
  return listFiles(path.join(chapterDir, 'solution')).filter((rel) => !SOLUTION_ONLY_FILES.includes(rel));
}

/** The starter that the generator makes from a chapter's solution: relative path -> text. */
export function generateStarter(
  chapterDir: string,
  titles: ReadonlyMap<string, string>,
  solved: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const solutionDir = path.join(chapterDir, 'solution');
  const starter = new Map<string, string>();
  for (const rel of solutionFiles(chapterDir)) {
    const text = fs.readFileSync(path.join(solutionDir, rel), 'utf8');
    starter.set(rel, toStarter(text, `solution/${rel}`, titles, solved));
  }
  return starter;
}

/** Exercise ids that have at least one region in the solution, with the files they appear in. */
export function exerciseFiles(chapterDir: string): Map<string, string[]> {
  const solutionDir = path.join(chapterDir, 'solution');
  const byExercise = new Map<string, string[]>();
  for (const rel of solutionFiles(chapterDir)) {
    const text = fs.readFileSync(path.join(solutionDir, rel), 'utf8');
    for (const region of parseRegions(text, `solution/${rel}`)) {
      const files = byExercise.get(region.exercise) ?? [];
      if (!files.includes(rel)) files.push(rel);
      byExercise.set(region.exercise, files);
    }
  }
  return byExercise;
}

/** Writes a generated starter into `targetDir`, removing files that the generator no longer makes. */
export function writeStarter(targetDir: string, files: ReadonlyMap<string, string>): void {
  for (const rel of listFiles(targetDir)) {
    if (!files.has(rel)) fs.rmSync(path.join(targetDir, rel));
  }
  for (const [rel, text] of files) {
    const file = path.join(targetDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
  }
}

/**
 * The text without region markers: the `#exercise` and `#end` lines and a solution's `#starter` part go, the
 * code stays. Diffs compare this, so that no hunk consists only of markers. Text whose markers are broken is
 * returned as it is.
 */
export function withoutMarkers(text: string, file: string): string {
  let regions: Region[];
  try {
    regions = parseRegions(text, file);
  } catch {
    return text;
  }
  const dropped = new Set<number>();
  for (const region of regions) {
    dropped.add(region.start);
    for (let line = region.stub ?? region.end; line <= region.end; line += 1) dropped.add(line);
  }
  return text
    .split('\n')
    .filter((_line, index) => !dropped.has(index))
    .join('\n');
}
