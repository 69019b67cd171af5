import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const PACKAGE_DIR = path.resolve(__dirname, '..');
const CLI = path.join(PACKAGE_DIR, 'bin', 'course.js');
const TEMPLATE = path.join(PACKAGE_DIR, 'fixtures', 'repo');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Fixture {
  root: string;
  chapterDir: string;
  /** Runs `course <args>` in the fixture (or in `cwd`, relative to it), with stdin not a terminal. */
  course(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<CliResult>;
  read(rel: string): string;
  write(rel: string, text: string): void;
  remove(): void;
}

/** The environment of a plain, non-interactive shell: no color settings, no test target from outside. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const key of ['FORCE_COLOR', 'NO_COLOR', 'COURSE_TARGET', 'COURSE_POSTGRES_PROBE'])
    if (!(key in extra)) delete env[key];
  return env;
}

export function spawnCourse(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  // Its own process group, so that killing it stops the jest and tsc it started too.
  return spawn(process.execPath, [CLI, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
}

/** Stops a CLI started by spawnCourse, with the jest and tsc processes it started. */
export function killCourse(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * A fresh copy of fixtures/repo inside this package's git-ignored .course/ folder, so that module resolution
 * from the copy walks up to this package's node_modules (jest, typescript, the preset and the harness).
 */
export function createFixture(options: { git?: boolean } = {}): Fixture {
  const parent = path.join(PACKAGE_DIR, '.course');
  fs.mkdirSync(parent, { recursive: true });
  const root = fs.mkdtempSync(path.join(parent, 'fixture-'));
  fs.cpSync(TEMPLATE, root, { recursive: true });
  if (options.git) {
    const git = (...args: string[]): void => {
      const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    };
    git('init', '--quiet');
    git('add', '--all');
    git(
      '-c',
      'user.name=Course',
      '-c',
      'user.email=course@example.com',
      'commit',
      '--quiet',
      '-m',
      'fixture',
    );
  }
  const chapterDir = path.join(root, 'chapters', '01-demo');
  // A test that times out must not leave its CLI running in a fixture that is about to be deleted.
  const children = new Set<ChildProcess>();
  return {
    root,
    chapterDir,
    course: (args, options = {}) =>
      new Promise((resolve, reject) => {
        const child = spawnCourse(args, path.resolve(root, options.cwd ?? '.'), cleanEnv(options.env));
        children.add(child);
        child.on('close', () => children.delete(child));
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      }),
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    write: (rel, text) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    },
    remove: () => {
      for (const child of children) killCourse(child);
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export const STARTER_CALC = 'chapters/01-demo/starter/calc.ts';
export const SOLUTION_CALC = 'chapters/01-demo/solution/calc.ts';

/** Copies chapter 01-demo to `chapters/<slug>` with its exercise ids renumbered (1.x becomes <n>.x). */
export function copyChapter(fixture: Fixture, slug: string): void {
  const n = String(Number(slug.slice(0, 2)));
  const target = path.join(fixture.root, 'chapters', slug);
  fs.cpSync(fixture.chapterDir, target, { recursive: true });
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else
        fs.writeFileSync(
          file,
          fs
            .readFileSync(file, 'utf8')
            .replace(/\b1\.([12])\b/g, `${n}.$1`)
            .replace('ch01-demo', `ch${slug.slice(0, 2)}-demo`),
        );
    }
  };
  walk(target);
}
