import fs from 'node:fs';
import path from 'node:path';
import { createFixture, STARTER_CALC, type Fixture } from './fixture';

const STUB_1_1 = "throw new Error('Exercise 1.1 is not done yet: Add two numbers');";
const STUB_1_2 = "throw new Error('Exercise 1.2 is not done yet: Average a list');";

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
