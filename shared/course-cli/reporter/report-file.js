'use strict';
// Writes jest's results as `--json` would, to the file named by COURSE_JEST_REPORT, without jest's
// "Test results written to" line; the course CLI reads it after the run.
const fs = require('node:fs');
const { formatTestResults } = require('@jest/test-result');

function writeReport(aggregatedResults, compileErrors) {
  const file = process.env.COURSE_JEST_REPORT;
  if (!file) return;
  // jest sets `success` only after the reporters have finished, so it is worked out here as jest does.
  const success =
    aggregatedResults.numFailedTestSuites === 0 &&
    aggregatedResults.numRuntimeErrorTestSuites === 0 &&
    !aggregatedResults.wasInterrupted;
  const report = { ...formatTestResults(aggregatedResults), success, compileErrors };
  fs.writeFileSync(file, JSON.stringify(report));
}

module.exports = { writeReport };
