import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Chapter } from '@course/chapter-kit';
import { exercisePattern, type JestOptions } from './jest-runner';

/** The exercises whose tests a test file holds, read from its `exercise('N.M', …)` calls. */
export function exercisesIn(testFile: string): string[] {
  if (!fs.existsSync(testFile)) return [];
  const text = fs.readFileSync(testFile, 'utf8');
  return [...text.matchAll(/\bexercise\(\s*['"](\d+\.\d+)['"]/g)].map((match) => match[1]!);
}

/** Every test file of the chapter (the `.test.ts` files that jest finds, outside node_modules and .course). */
function testFilesOf(chapter: Chapter): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.course') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.test.ts')) files.push(full);
    }
  };
  const tests = path.join(chapter.dir, 'tests');
  if (fs.existsSync(tests)) walk(tests);
  return files.sort();
}

/**
 * The test files that hold an exercise's tests. Jest would otherwise load every test file of the chapter (the app,
 * Prisma, tsoa) only to skip the tests that the name pattern leaves out. Undefined (run everything) when no file
 * names the exercise, so that jest's own "no tests found" and the CLI's still speak.
 */
function exerciseTestPaths(chapter: Chapter, id: string): string[] | undefined {
  const files = testFilesOf(chapter).filter((file) => exercisesIn(file).includes(id));
  return files.length > 0 ? files : undefined;
}

/** Which tests a run of the chapter, or of one of its exercises, gives jest, and with how many workers. */
export function selectTests(
  chapter: Chapter,
  exerciseId: string | undefined,
): Pick<JestOptions, 'testNamePattern' | 'testPaths' | 'maxWorkers'> {
  if (!exerciseId) return { maxWorkers: os.availableParallelism() };
  const testPaths = exerciseTestPaths(chapter, exerciseId);
  return {
    testNamePattern: exercisePattern(exerciseId),
    testPaths,
    // Several test files get every CPU: jest's default leaves one idle, one test file at a time on two cores.
    // One file runs in jest's own process, with no workers to start.
    maxWorkers: testPaths?.length === 1 ? undefined : os.availableParallelism(),
  };
}
