import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ServerOutput } from './server-output';

interface AssertionResult {
  title: string;
  status: string;
  failureMessages: string[];
}

const fixtureDir = path.join(__dirname, 'fixtures', 'server-output');

/** Runs the fixture's deliberately failing tests in their own jest, as `course run` would, and reads the report. */
async function runFixture(): Promise<Map<string, AssertionResult>> {
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-output-'));
  const outputFile = path.join(outputDir, 'report.json');
  const jest = require.resolve('jest/bin/jest');
  try {
    await promisify(execFile)(process.execPath, [jest, '--ci', '--json', `--outputFile=${outputFile}`], {
      cwd: fixtureDir,
    }).catch(() => undefined); // the fixture fails on purpose, so jest exits with 1
    const report = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as {
      testResults: { assertionResults: AssertionResult[] }[];
    };
    const results = report.testResults.flatMap((file) => file.assertionResults);
    return new Map(results.map((result) => [result.title, result]));
  } finally {
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}

describe('what the server caught, shown with a failing test', () => {
  let results: Map<string, AssertionResult>;
  const failure = (title: string): string => {
    const result = results.get(title);
    if (!result)
      throw new Error(`the fixture has no test "${title}"; it has: ${[...results.keys()].join(', ')}`);
    return result.failureMessages.join('\n---\n');
  };

  beforeAll(async () => {
    results = await runFixture();
  }, 30_000);

  it('When a failing test recorded the exercise\'s "not done yet" error, then the failure shows it first', () => {
    const text = failure('When the stub throws, then the test fails');
    expect(text).toContain('Error: Exercise 9.9 is not done yet: Build the thing');
    expect(text).toContain('[error] request failed {"status":500}');
    expect(text.indexOf('not done yet')).toBeLessThan(text.indexOf('expect(received).toBe(expected)'));
  });

  it('When the "not done yet" error is shown, then so is where it was thrown', () => {
    const text = failure('When the stub throws, then the test fails');
    expect(text).toMatch(/Build the thing \(.*failing\.fixture\.ts:6:11\)/);
    expect(text).toMatch(/^\s+at handleRequest .*failing\.fixture\.ts:6:11/m);
    // Jest reads everything after the first "at" line as a stack, so every entry must come before it.
    expect(text.indexOf('[error] request failed')).toBeLessThan(text.indexOf('    at '));
  });

  it('When a test passes, then what it recorded is not printed, nor carried to the next test', () => {
    expect(results.get('When a test passes, then nothing is printed')?.status).toBe('passed');
    expect(JSON.stringify([...results.values()])).not.toContain('quiet-passing-entry');
  });

  it('When a failing test recorded only log entries, then they follow the assertion', () => {
    const text = failure('When only a log entry is recorded, then it follows the assertion');
    expect(text).toContain('What the server caught and logged during this test:');
    expect(text).toContain('log: [info] request rejected {"code":"ROUTE_NOT_FOUND"}');
    expect(text.indexOf('expect(received)')).toBeLessThan(text.indexOf('request rejected'));
  });

  it('When a failing test recorded nothing, then its failure is only the assertion', () => {
    const text = failure('When nothing is recorded, then the failure is only the assertion');
    expect(text).toContain('expect(received).toBe(expected)');
    expect(text).not.toMatch(/server caught|not done yet/);
  });
});

describe('ServerOutput', () => {
  it('When more entries than it shows are recorded, then it says how many it left out', () => {
    const output = new ServerOutput();
    for (let i = 0; i < 25; i++) output.record('log', { level: 'info', message: `entry ${i}` });
    const taken = output.take();
    expect(taken?.text).toContain('entry 19');
    expect(taken?.text).not.toContain('entry 20');
    expect(taken?.text).toContain('… and 5 more');
    expect(output.take()).toBeUndefined();
  });

  it('When an error made by Node itself is recorded, then it is shown as an error', () => {
    const output = new ServerOutput();
    let nodeError: unknown;
    try {
      fs.readFileSync(path.join(os.tmpdir(), 'no-such-file-for-server-output'));
    } catch (error) {
      nodeError = error;
    }
    output.record('server error', nodeError);
    expect(output.take()?.text).toMatch(/server error: Error: ENOENT/);
  });
});
