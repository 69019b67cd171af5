'use strict';
// Turns swc's "cannot compile" errors, which jest prints with a native backtrace and a code frame from another
// file for every test file that imports the broken one, into one line per file: path:line:col and the message.
const path = require('node:path');

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');
// swc: "  x Expected '}', got '<eof>'" then "   ,-[/abs/file.ts:12:1]"
const SWC_ERROR = /^\s*x (.+)\n(?:.*\n)*?\s*,-\[(.+?):(\d+):(\d+)\]/gm;

/** The compile errors in a suite's failure, as { file, line, column, message } with absolute paths. */
function compileErrors(text) {
  const plain = String(text ?? '').replace(ANSI, '');
  const errors = [];
  for (const match of plain.matchAll(SWC_ERROR)) {
    const [, message, file, line, column] = match;
    if (!errors.some((e) => e.file === file && e.line === Number(line) && e.column === Number(column))) {
      errors.push({ file, line: Number(line), column: Number(column), message: message.trim() });
    }
  }
  return errors;
}

/**
 * Rewrites a suite that failed to compile, in place, so that every reporter after this one sees one short
 * message; `shown` holds the files whose error was already printed, which later suites only refer to.
 */
function condenseSuite(testResult, rootDir, shown) {
  const source = `${testResult.testExecError?.message ?? ''}\n${testResult.failureMessage ?? ''}`;
  const errors = compileErrors(source);
  if (errors.length === 0) return [];
  const lines = errors.map((error) => {
    const rel = path.relative(rootDir, error.file).split(path.sep).join('/');
    if (shown.has(error.file)) return `${rel} does not compile (its error is shown above)`;
    shown.add(error.file);
    return `${rel}:${error.line}:${error.column}: does not compile: ${error.message}`;
  });
  const message = lines.join('\n');
  const title = process.stderr.isTTY
    ? '\u001b[1m\u001b[31m● Test suite failed to run\u001b[39m\u001b[22m'
    : '● Test suite failed to run';
  testResult.failureMessage = `  ${title}\n\n${lines.map((line) => `    ${line}`).join('\n')}\n`;
  if (testResult.testExecError) {
    testResult.testExecError = { ...testResult.testExecError, message, stack: message };
  }
  return errors.map((error) => ({ ...error, testFile: testResult.testFilePath }));
}

module.exports = { compileErrors, condenseSuite };
