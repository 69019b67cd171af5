import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runTypecheck, typescriptCompiler } from '../src/type-errors';
import { createFixture, type Fixture } from './fixture';

/*
 * `course run` gives the last typecheck's result again when nothing it read has changed. Each test changes one kind
 * of input and expects tsc to run again and see the change; a stale result here would call broken code done.
 */

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => fixture.remove());

const BROKEN = "export const wrong: number = 'x';\n";

function typecheck() {
  return runTypecheck({
    root: fixture.root,
    cwd: fixture.chapterDir,
    tsconfig: path.join(fixture.chapterDir, 'tsconfig.starter.json'),
    key: '01-demo-starter',
  });
}

describe('the typecheck of course run, given again while nothing changed', () => {
  it('When nothing changed since a passing typecheck, then its result is given again without running tsc', async () => {
    const first = await typecheck();
    const second = await typecheck();

    expect(first).toMatchObject({ ok: true, reused: false });
    expect(second).toMatchObject({ ok: true, reused: true, errors: [] });
  });

  it('When nothing changed since a failing typecheck, then the same errors are given again', async () => {
    fixture.write(
      'chapters/01-demo/starter/calc.ts',
      fixture.read('chapters/01-demo/starter/calc.ts') + BROKEN,
    );
    const first = await typecheck();
    const second = await typecheck();

    expect(first).toMatchObject({ ok: false, reused: false });
    expect(first.errors).toHaveLength(1);
    expect(second).toMatchObject({ ok: false, reused: true });
    expect(second.errors).toEqual(first.errors);
  });

  it('When a file of the program is edited, then tsc runs again and sees the edit', async () => {
    await typecheck();
    fixture.write(
      'chapters/01-demo/starter/round.ts',
      fixture.read('chapters/01-demo/starter/round.ts') + BROKEN,
    );

    const again = await typecheck();

    expect(again).toMatchObject({ ok: false, reused: false });
    expect(again.errors[0]?.file).toBe('starter/round.ts');
  });

  it('When a file outside the chapter that the program imports is edited, then tsc runs again', async () => {
    fixture.write('shared/words.ts', 'export const word: string = "ok";\n');
    fixture.write(
      'chapters/01-demo/starter/calc.ts',
      `import { word } from '../../../shared/words';\nexport const said: string = word;\n${fixture.read('chapters/01-demo/starter/calc.ts')}`,
    );
    expect(await typecheck()).toMatchObject({ ok: true, reused: false });
    fixture.write('shared/words.ts', 'export const word: number = 1;\n');

    const again = await typecheck();

    expect(again).toMatchObject({ ok: false, reused: false });
    expect(again.errors[0]?.message).toContain("Type 'number' is not assignable to type 'string'");
  });

  it('When a source file is added, then tsc runs again and checks it too', async () => {
    await typecheck();
    fixture.write('chapters/01-demo/starter/extra.ts', BROKEN);

    const again = await typecheck();

    expect(again).toMatchObject({ ok: false, reused: false });
    expect(again.errors[0]?.file).toBe('starter/extra.ts');
  });

  it('When a tsconfig that the chapter extends changes, then tsc runs again with it', async () => {
    fixture.write('chapters/01-demo/starter/loose.ts', 'export function id(value) {\n  return value;\n}\n');
    fixture.write(
      'tsconfig.base.json',
      fixture.read('tsconfig.base.json').replace('"strict": true', '"strict": false'),
    );
    expect(await typecheck()).toMatchObject({ ok: true, reused: false });
    fixture.write(
      'tsconfig.base.json',
      fixture.read('tsconfig.base.json').replace('"strict": false', '"strict": true'),
    );

    const again = await typecheck();

    expect(again).toMatchObject({ ok: false, reused: false });
    expect(again.errors[0]?.message).toContain('implicitly has an');
  });
});

describe('the compiler of course run', () => {
  it('When the native TypeScript has a binary for this platform, then the typecheck runs it, and it reports errors as tsc 6 does', () => {
    const tsc = typescriptCompiler(fixture.chapterDir);
    const run = (args: string[]) =>
      tsc.native
        ? spawnSync(tsc.path, args, { cwd: fixture.chapterDir, encoding: 'utf8' })
        : spawnSync(process.execPath, [tsc.path, ...args], { cwd: fixture.chapterDir, encoding: 'utf8' });

    // TypeScript 7 publishes a binary for the usual platforms and more; where it has none, tsc 6 does the work.
    const usual =
      ['linux', 'darwin', 'win32'].includes(process.platform) && ['x64', 'arm64'].includes(process.arch);
    expect(tsc.native || !usual).toBe(true);
    expect(run(['-v']).stdout).toMatch(tsc.native ? /^Version 7\./ : /^Version 6\./);
    fixture.write('chapters/01-demo/starter/wrong.ts', BROKEN);
    const output = run(['-p', 'tsconfig.starter.json', '--pretty', 'false', '--noEmit']).stdout;
    expect(output.trim()).toBe(
      "starter/wrong.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.",
    );
  });

  it('When the native binary is there but does not start, then TypeScript 6 typechecks instead', async () => {
    // A file without execute permission stands in for a binary on a file system that does not let it run.
    fixture.write('not-a-binary', '');
    fixture.write('chapters/01-demo/starter/wrong.ts', BROKEN);
    const result = await runTypecheck({
      root: fixture.root,
      cwd: fixture.chapterDir,
      tsconfig: path.join(fixture.chapterDir, 'tsconfig.starter.json'),
      key: '01-demo-starter',
      compiler: { path: path.join(fixture.root, 'not-a-binary'), native: true },
    });

    expect(result).toMatchObject({ ok: false, reused: false });
    expect(result.errors).toEqual([
      expect.objectContaining({ file: 'starter/wrong.ts', line: 1, column: 14 }),
    ]);
  });
});
