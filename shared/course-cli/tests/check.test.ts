import fs from 'node:fs';
import path from 'node:path';
import { copyChapter, createFixture, SOLUTION_CALC, type Fixture } from './fixture';

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => fixture.remove());

function lastLine(stdout: string): string {
  return stdout.trimEnd().split('\n').pop() ?? '';
}

describe('course check', () => {
  it('When the fixture keeps the chapter contract, then every item passes', async () => {
    const { code, stdout } = await fixture.course(['check']);

    expect(stdout).toContain('✓ 01-demo  solution: 4 tests pass');
    expect(stdout).toContain('✓ 01-demo  starter fails at 1.1');
    expect(stdout).toContain('✓ 01-demo  starter fails at 1.2');
    expect(stdout).toContain('✓ 01-demo  mutants: 2 mutants apply to the solution (--deep runs them)');
    expect(stdout).not.toContain('killed');
    expect(stdout).not.toContain('✗');
    expect(lastLine(stdout)).toMatch(/^\d+ passed, 0 failed$/);
    expect(code).toBe(0);
  });

  it('When --deep is given, then every mutant runs and is killed, and each step of the exercise order passes', async () => {
    const { code, stdout } = await fixture.course(['check', '01', '--deep']);

    expect(stdout).toContain('✓ 01-demo  mutant 1 (1.1: subtracts instead of adding) killed');
    expect(stdout).toContain('✓ 01-demo  order: with only 1.1 done, their 1 test passes');
    expect(stdout).not.toContain('✗');
    expect(code).toBe(0);
  });

  it('When a refactor leaves a mutant pointing at code that is gone, then the quick check already fails', async () => {
    fixture.write(SOLUTION_CALC, fixture.read(SOLUTION_CALC).replace('a + b', 'b + a'));

    const { code, stdout } = await fixture.course(['check', '01', '--no-carried']);

    expect(stdout).toContain('✗ 01-demo  mutants: 1 mutant of 2 no longer apply to the solution');
    expect(stdout).toContain('"find" occurs 0 times in solution/calc.ts, not once');
    expect(code).toBe(1);
  });

  it('When a test blocks jest for good, then check stops it after COURSE_CHECK_TIMEOUT_MS and fails, instead of hanging', async () => {
    const tests = 'chapters/01-demo/tests/calc.test.ts';
    const block = "require('node:child_process').execSync('sleep 60');";
    fixture.write(
      tests,
      fixture.read(tests).replace('expect(add(2, 3)).toBe(5);', `${block}\n    expect(add(2, 3)).toBe(5);`),
    );

    const started = Date.now();
    const { code, stdout } = await fixture.course(['check', '01', '--no-carried'], {
      env: { COURSE_CHECK_TIMEOUT_MS: '4000' },
    });

    expect(stdout).toContain('✗ 01-demo  solution: jest was stopped after 4 s: a test or a hook hangs');
    expect(Date.now() - started).toBeLessThan(50_000);
    expect(code).toBe(1);
  });

  it('When the starter is stale, the README disagrees and a mutant survives, then each fails and is counted', async () => {
    fixture.write(SOLUTION_CALC, `// Changed without pnpm course sync.\n${fixture.read(SOLUTION_CALC)}`);
    const readme = 'chapters/01-demo/README.md';
    fixture.write(readme, fixture.read(readme).replace('### 1.2 Average a list', '### 1.2 Average the list'));
    const mutants = 'chapters/01-demo/solution/mutants.json';
    const survivor = { exercise: '1.1', file: 'calc.ts', find: 'a + b', replace: 'b + a', why: 'same sum' };
    fixture.write(mutants, JSON.stringify([...JSON.parse(fixture.read(mutants)), survivor]));

    const { code, stdout } = await fixture.course(['check', '01', '--deep']);

    expect(stdout).toContain('✗ 01-demo  starter: out of sync with solution/; run pnpm course sync');
    expect(stdout).toContain('starter/calc.ts differs from what the generator makes');
    expect(stdout).toContain(
      'heading 2 is "### 1.2 Average the list" but chapter.json says "1.2 Average a list"',
    );
    expect(stdout).toContain('✗ 01-demo  mutant 3 (1.1: same sum) survived');
    expect(lastLine(stdout)).toMatch(/^\d+ passed, 3 failed$/);
    expect(code).toBe(1);
  });
});

describe('course check proves the exercise order', () => {
  it("When 1.1's tests need 1.2's code, then the order step fails and says which exercise needs a later one", async () => {
    const tests = 'chapters/01-demo/tests/calc.test.ts';
    fixture.write(
      tests,
      fixture.read(tests).replace('expect(add(2, 3)).toBe(5);', 'expect(add(2, 3) + average([0])).toBe(5);'),
    );

    const { code, stdout } = await fixture.course(['check', '01', '--deep']);

    expect(stdout).toContain(
      '✗ 01-demo  order: with only 1.1 done, 1 of 1 test fail: 1.1 needs a later exercise',
    );
    expect(stdout).toContain('Exercise 1.2 is not done yet');
    expect(code).toBe(1);
  });
});

describe('course check compares carried files', () => {
  it('When a chapter carries a file from an earlier one, then the check passes while they match and fails when they differ', async () => {
    copyChapter(fixture, '02-demo');
    const manifest = 'chapters/02-demo/chapter.json';
    const carries = { from: '01-demo', files: ['solution/round.ts'] };
    fixture.write(manifest, JSON.stringify({ ...JSON.parse(fixture.read(manifest)), carries }));

    const same = await fixture.course(['check', '--only-carried']);
    expect(same.stdout).toContain('✓ 02-demo  carried: 1 file match 01-demo');
    expect(same.code).toBe(0);

    const round = 'chapters/01-demo/solution/round.ts';
    fixture.write(round, fixture.read(round).replace('100', '1000'));
    const changed = await fixture.course(['check', '--only-carried']);

    expect(changed.stdout).toContain('✗ 02-demo  carried: 1 file no longer matches 01-demo');
    expect(changed.stdout).toContain(
      'solution/round.ts differs: diff -u chapters/01-demo/solution/round.ts chapters/02-demo/solution/round.ts',
    );
    expect(changed.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 1 failed');
    expect(changed.code).toBe(1);
  });
});

describe('the fixture', () => {
  it('When copied under .course/, then its chapter resolves the preset, harness, jest and TypeScript of this package', () => {
    const packageDir = path.resolve(__dirname, '..');
    for (const name of [
      '@course/jest-preset',
      '@course/test-harness',
      'jest/bin/jest',
      'typescript/bin/tsc',
    ]) {
      const resolved = fs.realpathSync(require.resolve(name, { paths: [fixture.chapterDir] }));
      const expected = fs.realpathSync(require.resolve(name, { paths: [packageDir] }));
      expect(resolved).toBe(expected);
    }
  });
});
