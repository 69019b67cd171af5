import { createFixture, STARTER_CALC, type Fixture } from './fixture';

const ESC = '\u001b[';

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => fixture.remove());

describe('course hint', () => {
  it('When called repeatedly, then each call reveals one more hint and the last call says there are no more', async () => {
    const first = await fixture.course(['hint', '1.1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('1. The + operator adds numbers.');
    expect(first.stdout).not.toContain('2. Return the sum');
    expect(first.stdout).toContain('pnpm course hint 1.1 reveals hint 2');

    const second = await fixture.course(['hint', '1.1']);
    expect(second.stdout).toContain('1. The + operator adds numbers.');
    expect(second.stdout).toContain('2. Return the sum of a and b.');
    expect(second.stdout).not.toContain('3. return a + b;');

    const third = await fixture.course(['hint', '1.1']);
    expect(third.stdout).toContain('3. return a + b;');
    expect(third.stdout).toContain('That was the last hint');

    const fourth = await fixture.course(['hint', '1.1']);
    expect(fourth.code).toBe(0);
    expect(fourth.stdout).toContain('No more hints: all 3 are shown');
    expect(fourth.stdout).toContain('pnpm course diff 1.1');
  });

  it('When hints of one exercise are revealed, then another exercise still starts at its first hint', async () => {
    await fixture.course(['hint', '1.1']);

    const other = await fixture.course(['hint', '1.2']);

    expect(other.stdout).toContain('hint 1 of 2');
  });
});

describe('course diff', () => {
  it('When an exercise is diffed, then only its region is compared, with the solution lines added', async () => {
    const { code, stdout } = await fixture.course(['diff', '1.1']);

    expect(code).toBe(0);
    expect(stdout).toContain('--- starter/calc.ts (exercise 1.1)');
    expect(stdout).toContain('+++ solution/calc.ts (exercise 1.1)');
    expect(stdout).toContain("-  throw new Error('Exercise 1.1 is not done yet: add()');");
    expect(stdout).toContain('+  return a + b;');
    expect(stdout).not.toContain('values.length');
  });

  it('When the output is piped, then it has no color codes, and --color adds them', async () => {
    const piped = await fixture.course(['diff', '1']);
    const colored = await fixture.course(['diff', '1', '--color']);

    expect(piped.stdout).toContain('+  return a + b;');
    expect(piped.stdout).not.toContain(ESC);
    expect(colored.stdout).toContain(`${ESC}32m+  return a + b;`);
  });

  it('When the learner solved the exercise like the solution, then there is no difference', async () => {
    const solved = fixture
      .read(STARTER_CALC)
      .replace("throw new Error('Exercise 1.1 is not done yet: add()');", 'return a + b;');
    fixture.write(STARTER_CALC, solved);

    const { stdout } = await fixture.course(['diff', '1.1']);

    expect(stdout).toContain('No differences: exercise 1.1 matches the solution.\n');
    expect(stdout).toContain("Only the code inside exercise 1.1's regions was compared.");
  });

  it("When a chapter is diffed, then no line is a region marker and the learner's code outside regions shows", async () => {
    fixture.write(STARTER_CALC, `${fixture.read(STARTER_CALC)}\nexport const helper = 1;\n`);
    fixture.write('chapters/01-demo/starter/mine.ts', 'export const mine = 2;\n');

    const { stdout } = await fixture.course(['diff', '01']);

    const changed = stdout.split('\n').filter((line) => /^[-+](?![-+])/.test(line));
    expect(changed.filter((line) => /#exercise|#starter|#end/.test(line))).toEqual([]);
    expect(changed).toContain('-export const helper = 1;');
    expect(changed).toContain('-export const mine = 2;');
    expect(changed).toContain('+  return a + b;');
    expect(stdout).not.toContain('mutants.json');
  });
});
