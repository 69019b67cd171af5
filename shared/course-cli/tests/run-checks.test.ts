import fs from 'node:fs';
import path from 'node:path';
import { copyChapter, createFixture, STARTER_CALC, type Fixture } from './fixture';

const STUB_1_1 = "throw new Error('Exercise 1.1 is not done yet: add()');";

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => fixture.remove());

function solve11(extra = ''): void {
  fixture.write(STARTER_CALC, fixture.read(STARTER_CALC).replace(STUB_1_1, `${extra}return a + b;`));
}

describe('course run typechecks the starter', () => {
  it('When the tests pass but the starter has a type error, then the exercise is not done and the error shows path:line:col', async () => {
    solve11("const wrong: number = 'x';\n  ");

    const { code, stdout } = await fixture.course(['run', '1.1']);

    expect(code).toBe(1);
    expect(stdout).toContain(
      "starter/calc.ts:3:9: Type 'string' is not assignable to type 'number'. (TS2322)",
    );
    expect(stdout).not.toContain('Passing: 1.1');
    expect(stdout).toContain('1.1 passes its tests, but starter/ does not typecheck');
    expect((await fixture.course(['status'])).stdout).toContain('✗ 1.1 Add two numbers (type errors)');
  });

  it('When a starter file misses its closing brace, then one line names file, line, column and message', async () => {
    solve11();
    expect((await fixture.course(['run', '1.1'])).stdout).toContain('Passing: 1.1');
    fixture.write(STARTER_CALC, fixture.read(STARTER_CALC).trimEnd().replace(/\}$/, ''));

    const { code, stdout, stderr } = await fixture.course(['run', '1.1']);

    expect(code).toBe(1);
    expect(stderr).toContain("starter/calc.ts:10:11: does not compile: Expected '}', got '<eof>'");
    expect(stderr).not.toMatch(/Stack backtrace|_ZN|Caused by/);
    expect(stdout).toContain('Could not run: 1 test file, because starter/calc.ts does not compile');
    expect(stdout).not.toContain('TS1005');
    expect((await fixture.course(['status'])).stdout).toContain('✗ 1.1 Add two numbers (failing)');
  });

  it('When tests run, then jest says nothing about result files and the chapter gets no .course folder', async () => {
    const { stdout, stderr } = await fixture.course(['run', '1']);

    expect(`${stdout}${stderr}`).not.toContain('Test results written to');
    expect(fs.existsSync(path.join(fixture.chapterDir, '.course'))).toBe(false);
  });
});

describe('Next follows the chapter being worked on', () => {
  it('When the learner last ran chapter 2, then Next points into chapter 2, not at 1.1', async () => {
    copyChapter(fixture, '02-demo');

    await fixture.course(['run', '2.1']);
    const { stdout } = await fixture.course(['status']);

    expect(stdout).toContain('✗ 2.1 Add two numbers (failing)');
    expect(stdout).toContain('Next: 2.1 Add two numbers');
  });

  it('When the learner asks for a hint in chapter 2, then Next points into chapter 2', async () => {
    copyChapter(fixture, '02-demo');
    await fixture.course(['hint', '2.2']);

    expect((await fixture.course(['status'])).stdout).toContain('Next: 2.1 Add two numbers');
  });
});
