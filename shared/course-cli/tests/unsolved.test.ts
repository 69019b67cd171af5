import fs from 'node:fs';
import path from 'node:path';
import { loadChapter } from '@course/chapter-kit';
import { buildUnsolved, timeExercise } from '../src/unsolved';
import { createFixture, type Fixture } from './fixture';

// Each timed run starts jest on the fixture chapter.
jest.setTimeout(60_000);

let fixture: Fixture;
beforeAll(() => {
  fixture = createFixture();
});
afterAll(() => fixture.remove());

describe('the starter of a learner who starts an exercise (pnpm loop-times --unsolved)', () => {
  it('When it is built for 1.2, then 1.1 holds the solution and 1.2 is still a stub', () => {
    const dir = buildUnsolved(loadChapter(fixture.chapterDir), '1.2');

    expect(dir).toBe(path.join(fixture.chapterDir, '.course', 'unsolved', '1.2'));
    const calc = fs.readFileSync(path.join(dir, 'calc.ts'), 'utf8');
    expect(calc).toContain('return a + b;');
    expect(calc).toContain('Exercise 1.2 is not done yet');
    expect(calc).not.toContain('values.reduce');
  });

  it('When it is built for the first exercise, then every exercise is a stub', () => {
    const calc = fs.readFileSync(
      path.join(buildUnsolved(loadChapter(fixture.chapterDir), '1.1'), 'calc.ts'),
      'utf8',
    );

    expect(calc).toContain('Exercise 1.1 is not done yet');
    expect(calc).toContain('Exercise 1.2 is not done yet');
  });

  it('When an exercise is not in the chapter, then it says so', () => {
    expect(() => buildUnsolved(loadChapter(fixture.chapterDir), '1.9')).toThrow(/has no exercise 1\.9/);
  });

  it("When an exercise's tests are timed on it, then they fail there and pass on the starter after it", async () => {
    const chapter = loadChapter(fixture.chapterDir);
    const unsolved = await timeExercise(chapter, '1.2', buildUnsolved(chapter, '1.2'));
    const solved = await timeExercise(chapter, '1.1', buildUnsolved(chapter, '1.2'));

    expect(unsolved).toEqual({ seconds: expect.any(Number), passed: false });
    expect(unsolved.seconds).toBeGreaterThan(0);
    expect(solved.passed).toBe(true);
  });
});
