'use strict';
// `pnpm course run`: jest's own output (verbose when one test file runs, as jest chooses), with compile errors
// shown once per file, and the results handed to the CLI.
const { DefaultReporter, VerboseReporter } = require('@jest/reporters');
const { condenseSuite } = require('./compile-errors');
const { writeReport } = require('./report-file');

function withCourseOutput(Base) {
  return class extends Base {
    constructor(globalConfig, options, context) {
      super(globalConfig, options, context);
      this.shown = new Set();
      this.compileErrors = [];
    }

    onTestResult(test, testResult, aggregatedResults) {
      this.compileErrors.push(...condenseSuite(testResult, test.context.config.rootDir, this.shown));
      super.onTestResult(test, testResult, aggregatedResults);
    }

    onRunComplete(testContexts, aggregatedResults) {
      super.onRunComplete(testContexts, aggregatedResults);
      writeReport(aggregatedResults, this.compileErrors);
    }
  };
}

const Default = withCourseOutput(DefaultReporter);
const Verbose = withCourseOutput(VerboseReporter);

class CourseRunReporter {
  constructor(globalConfig, options, context) {
    const Reporter = globalConfig.verbose ? Verbose : Default;
    return new Reporter(globalConfig, options, context);
  }
}

module.exports = CourseRunReporter;
