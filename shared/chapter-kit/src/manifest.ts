import fs from 'node:fs';
import path from 'node:path';

export type Service = 'postgres' | 'redis';

export interface Exercise {
  /** Stable id, `<chapter number>.<n>`, for example `1.3`. */
  id: string;
  title: string;
  /** Revealed one at a time by `pnpm course hint`; two or three per exercise. */
  hints: string[];
}

/** Files a chapter carries unchanged from an earlier chapter; `course check` fails when they differ. */
export interface Carried {
  /** The earlier chapter's folder name, for example `03-databases`. */
  from: string;
  /** Paths relative to both chapters' folders, for example `solution/books/book.types.ts`. */
  files: string[];
}

export interface ChapterManifest {
  title: string;
  summary: string;
  services: Service[];
  /** The port that the chapter's dev server listens on unless PORT is set. */
  port?: number;
  exercises: Exercise[];
  carries: Carried[];
}

export interface Chapter extends ChapterManifest {
  /** Two-digit number taken from the folder name, for example `01`. */
  number: string;
  /** Folder name, for example `01-http-from-scratch`. */
  slug: string;
  dir: string;
  packageName: string;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const CHAPTER_DIR = /^(\d{2})-[a-z0-9-]+$/;
const SERVICES: readonly Service[] = ['postgres', 'redis'];

function fail(file: string, message: string): never {
  throw new ManifestError(`${file}: ${message}`);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks the shape of a chapter.json and that its exercise ids belong to the chapter. */
export function validateManifest(raw: unknown, number: string, file: string): ChapterManifest {
  if (typeof raw !== 'object' || raw === null) fail(file, 'must contain a JSON object');
  const m = raw as Record<string, unknown>;
  if (typeof m.title !== 'string' || m.title.trim() === '') fail(file, '"title" must be a non-empty string');
  if (typeof m.summary !== 'string') fail(file, '"summary" must be a string');
  if (!isStringArray(m.services) || !m.services.every((s) => SERVICES.includes(s as Service))) {
    fail(file, `"services" must be a list of ${SERVICES.join(', ')}`);
  }
  if (m.port !== undefined && (!Number.isInteger(m.port) || (m.port as number) <= 0)) {
    fail(file, '"port" must be a positive integer');
  }
  if (!Array.isArray(m.exercises) || m.exercises.length === 0)
    fail(file, '"exercises" must be a non-empty list');

  const prefix = `${Number(number)}.`;
  const seen = new Set<string>();
  const exercises = m.exercises.map((item: unknown, index): Exercise => {
    const e = (item ?? {}) as Record<string, unknown>;
    const where = `exercises[${index}]`;
    if (typeof e.id !== 'string' || !/^\d+\.\d+$/.test(e.id)) fail(file, `${where}.id must look like "1.2"`);
    if (!e.id.startsWith(prefix)) fail(file, `${where}.id "${e.id}" must start with "${prefix}"`);
    if (seen.has(e.id)) fail(file, `exercise id "${e.id}" is used twice`);
    seen.add(e.id);
    if (typeof e.title !== 'string' || e.title.trim() === '')
      fail(file, `${where}.title must be a non-empty string`);
    if (
      !isStringArray(e.hints) ||
      e.hints.length < 2 ||
      e.hints.length > 3 ||
      e.hints.some((h) => !h.trim())
    ) {
      fail(file, `exercise ${e.id} must have 2 or 3 non-empty hints`);
    }
    return { id: e.id, title: e.title, hints: e.hints };
  });

  return {
    title: m.title,
    summary: m.summary,
    services: m.services as Service[],
    port: m.port as number | undefined,
    exercises,
    carries: validateCarries(m.carries, number, file),
  };
}

/** `carries` is one `{ from, files }` object or a list of them; each `from` is an earlier chapter. */
function validateCarries(raw: unknown, number: string, file: string): Carried[] {
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item: unknown, index) => {
    const c = (item ?? {}) as Record<string, unknown>;
    const where = `carries[${index}]`;
    if (typeof c.from !== 'string' || !CHAPTER_DIR.test(c.from)) {
      fail(file, `${where}.from must be a chapter folder name such as "03-databases"`);
    }
    if (Number(c.from.slice(0, 2)) >= Number(number)) {
      fail(file, `${where}.from "${c.from}" must be an earlier chapter`);
    }
    if (!isStringArray(c.files) || c.files.length === 0)
      fail(file, `${where}.files must be a non-empty list`);
    const bad = c.files.find((f) => f === '' || path.isAbsolute(f) || f.split(/[\\/]/).includes('..'));
    if (bad !== undefined) fail(file, `${where}.files: "${bad}" must be a path inside the chapter`);
    return { from: c.from, files: c.files };
  });
}

/** Loads and validates `chapter.json` in a chapter folder. */
export function loadChapter(dir: string): Chapter {
  const slug = path.basename(dir);
  const match = CHAPTER_DIR.exec(slug);
  if (!match)
    throw new ManifestError(`${dir}: a chapter folder is named NN-slug, for example 01-http-from-scratch`);
  const file = path.join(dir, 'chapter.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError(`${file}: ${(error as Error).message}`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string };
  return { ...validateManifest(raw, match[1]!, file), number: match[1]!, slug, dir, packageName: pkg.name };
}

/** The repository root: the nearest folder above `from` that has a pnpm-workspace.yaml. */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new ManifestError(`no pnpm-workspace.yaml above ${from}; run this inside the course repository`);
    dir = parent;
  }
}

/** A chapter folder, found by its `NN-slug` name before its manifest is read. */
export interface ChapterFolder {
  slug: string;
  number: string;
  dir: string;
}

/** Every `NN-slug` folder under `<root>/chapters`, in syllabus order, whether or not its chapter.json is valid. */
export function chapterFolders(root: string): ChapterFolder[] {
  const chaptersDir = path.join(root, 'chapters');
  if (!fs.existsSync(chaptersDir)) return [];
  return fs
    .readdirSync(chaptersDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && CHAPTER_DIR.test(entry.name))
    .map((entry) => ({
      slug: entry.name,
      number: entry.name.slice(0, 2),
      dir: path.join(chaptersDir, entry.name),
    }))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** Every chapter under `<root>/chapters` that has a chapter.json, loaded, in syllabus order. */
export function listChapters(root: string): Chapter[] {
  return chapterFolders(root)
    .filter((folder) => fs.existsSync(path.join(folder.dir, 'chapter.json')))
    .map((folder) => loadChapter(folder.dir));
}

/** The chapter whose folder contains `file`, found by walking up to the nearest chapter.json. */
export function chapterOf(file: string): Chapter {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'chapter.json'))) return loadChapter(dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new ManifestError(`${file} is not inside a chapter (no chapter.json above it)`);
    dir = parent;
  }
}
