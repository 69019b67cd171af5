import fs from 'node:fs';
import path from 'node:path';
import { createFixture, STARTER_CALC, type Fixture } from './fixture';

const STUB_1_1 = "throw new Error('Exercise 1.1 is not done yet: add()');";

let fixture: Fixture;
beforeEach(() => {
  fixture = createFixture();
});
afterEach(() => fixture.remove());

describe('course status', () => {
  it('When nothing has run yet, then every exercise is not started and 1.1 is next', async () => {
    const { code, stdout } = await fixture.course([]);

    expect(code).toBe(0);
    expect(stdout).toContain('01 Demo');
    expect(stdout).toContain('· 1.1 Add two numbers (not started)');
    expect(stdout).toContain('· 1.2 Average a list (not started)');
    expect(stdout).toContain(
      'Next: 1.1 Add two numbers. Run its tests with pnpm course run 1.1 (stuck? pnpm course hint 1.1)',
    );
  });
});

describe('course run', () => {
  it('When exercise 1.1 fails and later passes, then status shows it failing and then done', async () => {
    const failing = await fixture.course(['run', '1.1']);

    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('✕ When both numbers are positive, then add returns their sum');
    expect(failing.stderr).toContain('3 skipped');
    expect(failing.stdout).toContain('Failing: 1.1');
    expect((await fixture.course(['status'])).stdout).toContain('✗ 1.1 Add two numbers (failing)');

    fixture.write(STARTER_CALC, fixture.read(STARTER_CALC).replace(STUB_1_1, 'return a + b;'));
    const passing = await fixture.course(['run', '1.1']);

    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('Passing: 1.1');
    expect(passing.stdout).toContain('Next: 1.2 Average a list');
    const status = await fixture.course(['status']);
    expect(status.stdout).toContain('✓ 1.1 Add two numbers (done)');
    expect(status.stdout).toContain('· 1.2 Average a list (not started)');
    expect(status.stdout).toContain('Next: 1.2 Average a list. Run its tests with pnpm course run 1.2');
  });

  it('When one exercise runs, then only the test files that hold its tests are loaded', async () => {
    // A file with 1.2's tests only that throws as it loads: running 1.1 must not load it.
    fixture.write(
      'chapters/01-demo/tests/average-more.test.ts',
      "import { exercise } from '@course/test-harness';\n\nthrow new Error('loaded');\n\n" +
        "exercise('1.2', () => {\n  it('When this file loads, then it fails', () => {\n" +
        '    expect(1).toBe(1);\n  });\n});\n',
    );

    const one = await fixture.course(['run', '1.1', '--solution']);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain('Passing: 1.1');
    expect(one.stdout).not.toContain('Could not run');

    const other = await fixture.course(['run', '1.2', '--solution']);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('Could not run: tests/average-more.test.ts');
  });

  it('When a chapter lists PostgreSQL, then its test files get the answer of one probe, made before jest starts', async () => {
    // The test file compares what it was handed with a probe of its own; without the service, it is handed nothing.
    fixture.write(
      'chapters/01-demo/tests/probe.test.ts',
      "import { exercise } from '@course/test-harness';\n" +
        "import { DEFAULT_DATABASE_URL, PROBE_ENV, probedByParent, tcpAnswers } from '@course/db-migrate/probe';\n\n" +
        "exercise('1.1', () => {\n  it('When the file runs, then it knows what the CLI found', async () => {\n" +
        '    const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;\n' +
        "    if (process.env.EXPECT_PROBE === 'no') expect(process.env[PROBE_ENV]).toBeUndefined();\n" +
        '    else expect(probedByParent(url)).toBe(await tcpAnswers(url));\n' +
        '  });\n});\n',
    );
    const without = await fixture.course(['run', '1.1', '--solution'], { env: { EXPECT_PROBE: 'no' } });
    expect(without.code).toBe(0);
    expect(without.stderr).toMatch(/Tests: .*2 passed/);

    const manifest = JSON.parse(fixture.read('chapters/01-demo/chapter.json')) as { services: string[] };
    fixture.write('chapters/01-demo/chapter.json', JSON.stringify({ ...manifest, services: ['postgres'] }));
    const withPostgres = await fixture.course(['run', '1.1', '--solution']);
    expect(withPostgres.code).toBe(0);
    expect(withPostgres.stderr).toMatch(/Tests: .*2 passed/);
  });

  it('When the chapter "." runs against the solution, then every test passes and no progress is recorded', async () => {
    const result = await fixture.course(['run', '.', '--solution'], { cwd: 'chapters/01-demo/tests' });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('4 passed, 4 total');
    expect(result.stdout).toContain('Passing: 1.1, 1.2');
    expect(result.stdout).toContain('The solution passes these tests and typechecks.');
    expect(fs.existsSync(path.join(fixture.root, '.course', 'progress.json'))).toBe(false);
  });
});
