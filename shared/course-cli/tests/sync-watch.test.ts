import type { ChildProcess } from 'node:child_process';
import {
  cleanEnv,
  createFixture,
  killCourse,
  SOLUTION_CALC,
  spawnCourse,
  STARTER_CALC,
  type Fixture,
} from './fixture';

let fixture: Fixture;
let child: ChildProcess | undefined;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => {
  if (child) killCourse(child);
  child = undefined;
  fixture.remove();
});

function waitFor(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (!done()) return;
      clearInterval(poll);
      resolve();
    }, 50);
  });
}

describe('course sync', () => {
  it('When a solution file changed, then sync rewrites its starter and says which file changed', async () => {
    fixture.remove();
    fixture = createFixture({ git: true });
    fixture.write(SOLUTION_CALC, `// A note for learners.\n${fixture.read(SOLUTION_CALC)}`);

    const first = await fixture.course(['sync']);
    const second = await fixture.course(['sync', '1']);

    expect(first.stdout).toBe('01-demo: wrote starter/calc.ts\n');
    expect(fixture.read(STARTER_CALC).startsWith('// A note for learners.\n')).toBe(true);
    expect(second.stdout).toBe('01-demo: starter is up to date\n');
  });

  it('When the learner edited a starter file, then sync refuses to overwrite it, and --force backs it up first', async () => {
    fixture.remove();
    fixture = createFixture({ git: true });
    fixture.write(SOLUTION_CALC, `// A note for learners.\n${fixture.read(SOLUTION_CALC)}`);
    const mine = fixture.read(STARTER_CALC).replace(/throw new Error\('Exercise 1\.1[^;]*;/, 'return a + b;');
    fixture.write(STARTER_CALC, mine);

    const refused = await fixture.course(['sync']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('sync would overwrite starter/calc.ts');
    expect(refused.stderr).toContain('pnpm course sync --force');
    expect(fixture.read(STARTER_CALC)).toBe(mine);

    const forced = await fixture.course(['sync', '--force']);

    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(
      /01-demo: backed up 1 file to \.course\/backups\/.*; wrote starter\/calc\.ts/,
    );
    expect(fixture.read(STARTER_CALC).startsWith('// A note for learners.\n')).toBe(true);
    expect((await fixture.course(['restore'])).stdout).toContain('whole chapter, before sync');
  });
});

describe('course run --watch', () => {
  it('When a starter file changes, then the tests run again, and Ctrl-C stops cleanly', async () => {
    const watcher = spawnCourse(['run', '1.1', '--watch'], fixture.chapterDir, cleanEnv());
    child = watcher;
    let stdout = '';
    watcher.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => watcher.on('close', resolve));
    const runs = (): number => stdout.split('Watching starter/ and tests/ for changes').length - 1;

    await waitFor(() => runs() === 1);
    expect(stdout).toContain('Failing: 1.1');

    const stub = "throw new Error('Exercise 1.1 is not done yet: add()');";
    fixture.write(STARTER_CALC, fixture.read(STARTER_CALC).replace(stub, 'return a + b;'));
    await waitFor(() => runs() === 2);
    expect(stdout).toContain('Passing: 1.1');

    watcher.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopped watching.');
  });
});
