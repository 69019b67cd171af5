'use strict';
// `pnpm course check`: no output of its own; the results, with compile errors condensed, go to the CLI.
const { condenseSuite } = require('./compile-errors');
const { writeReport } = require('./report-file');

class CourseQuietReporter {
  constructor() {
    this.shown = new Set();
    this.compileErrors = [];
  }

  onTestResult(test, testResult) {
    this.compileErrors.push(...condenseSuite(testResult, test.context.config.rootDir, this.shown));
  }

  onRunComplete(_testContexts, aggregatedResults) {
    writeReport(aggregatedResults, this.compileErrors);
  }

  getLastError() {
    return undefined;
  }
}

module.exports = CourseQuietReporter;
