import fs from 'node:fs';
import path from 'node:path';
import { createFixture, STARTER_CALC, type Fixture } from './fixture';

const STUB_1_1 = "throw new Error('Exercise 1.1 is not done yet: add()');";
const STUB_1_2 = "throw new Error('Exercise 1.2 is not done yet: average()');";

let fixture: Fixture;
let pristine: string;
beforeEach(() => {
  fixture = createFixture();
  pristine = fixture.read(STARTER_CALC);
});
afterEach(() => fixture.remove());

function backupPath(stdout: string): string {
  const match = /Backed up \d+ files? to (\S+)/.exec(stdout);
  if (!match?.[1]) throw new Error(`no backup path in: ${stdout}`);
  return path.resolve(fixture.root, match[1]);
}

describe('course reset', () => {
  it('When one exercise is reset, then only its region is restored and the edited file is backed up', async () => {
    const edited = pristine.replace(STUB_1_1, 'return a * b;').replace(STUB_1_2, 'return 42;');
    fixture.write(STARTER_CALC, edited);
    await fixture.course(['run', '1']);

    const { code, stdout } = await fixture.course(['reset', '1.1', '--yes']);

    expect(code).toBe(0);
    expect(fixture.read(STARTER_CALC)).toBe(pristine.replace(STUB_1_2, 'return 42;'));
    const backup = backupPath(stdout);
    expect(backup).toContain(path.join(fixture.root, '.course', 'backups'));
    expect(backup.endsWith(path.join('01-demo', 'starter'))).toBe(true);
    expect(fs.readFileSync(path.join(backup, 'calc.ts'), 'utf8')).toBe(edited);
    const status = await fixture.course(['status']);
    expect(status.stdout).toContain('· 1.1 Add two numbers (not started)');
    expect(status.stdout).toContain('✗ 1.2 Average a list (failing)');
    expect(stdout).toContain(
      "Only the code inside exercise 1.1's regions was reset; your code outside them is unchanged.",
    );
  });

  it('When a chapter is reset, then its starter is regenerated and changed or extra files are backed up', async () => {
    fixture.write(STARTER_CALC, pristine.replace(STUB_1_2, 'return 42;'));
    fixture.write('chapters/01-demo/starter/notes.ts', 'export const notes = 1;\n');

    const { code, stdout } = await fixture.course(['reset', 'demo', '--yes']);

    expect(code).toBe(0);
    expect(fixture.read(STARTER_CALC)).toBe(pristine);
    expect(fs.existsSync(path.join(fixture.chapterDir, 'starter', 'notes.ts'))).toBe(false);
    const backup = backupPath(stdout);
    expect(fs.readdirSync(backup).sort()).toEqual(['calc.ts', 'notes.ts']);
  });

  it('When --yes is missing and stdin is not a terminal, then it refuses with one line and changes nothing', async () => {
    const edited = pristine.replace(STUB_1_1, 'return a * b;');
    fixture.write(STARTER_CALC, edited);

    const { code, stdout, stderr } = await fixture.course(['reset', '1.1']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^course: .*--yes\n$/);
    expect(fixture.read(STARTER_CALC)).toBe(edited);
    expect(fs.existsSync(path.join(fixture.root, '.course', 'backups'))).toBe(false);
  });
});

describe('course restore', () => {
  it("When an exercise was reset, then restore lists the backup and puts the learner's code back, backing up what it replaces", async () => {
    const edited = pristine.replace(STUB_1_1, 'return a * b; // my try');
    fixture.write(STARTER_CALC, edited);
    await fixture.course(['reset', '1.1', '--yes']);
    fixture.write(STARTER_CALC, fixture.read(STARTER_CALC).replace(STUB_1_2, 'return 7; // later work'));

    const list = await fixture.course(['restore']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/01-demo {2}exercise 1\.1, before reset {2}starter\/calc\.ts/);

    const { code, stdout } = await fixture.course(['restore', '1.1', '--yes']);

    expect(code).toBe(0);
    expect(stdout).toContain('Restored starter/calc.ts from backup');
    const restored = fixture.read(STARTER_CALC);
    expect(restored).toContain('return a * b; // my try');
    expect(restored).toContain('return 7; // later work');
    const backup = backupPath(stdout);
    expect(fs.readFileSync(path.join(backup, 'calc.ts'), 'utf8')).toContain(STUB_1_1);
    expect((await fixture.course(['restore'])).stdout).toContain('exercise 1.1, before restore');
  });

  it("When a chapter was reset, then restoring the chapter brings back the learner's own files", async () => {
    fixture.write('chapters/01-demo/starter/notes.ts', 'export const notes = 1;\n');
    await fixture.course(['reset', '01', '--yes']);

    const { code } = await fixture.course(['restore', '01', '--yes']);

    expect(code).toBe(0);
    expect(fixture.read('chapters/01-demo/starter/notes.ts')).toBe('export const notes = 1;\n');
  });

  it('When there is no backup of the exercise, then restore says so and fails', async () => {
    const { code, stderr } = await fixture.course(['restore', '1.2', '--yes']);

    expect(code).toBe(1);
    expect(stderr).toBe('course: there is no backup of exercise 1.2\n');
  });
});
