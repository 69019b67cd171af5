'use strict';
// Writes jest's results as `--json` would, to the file named by COURSE_JEST_REPORT, without jest's
// "Test results written to" line; the course CLI reads it after the run.
const fs = require('node:fs');
const { formatTestResults } = require('@jest/test-result');

function writeReport(aggregatedResults, compileErrors) {
  const file = process.env.COURSE_JEST_REPORT;
  if (!file) return;
  const report = { ...formatTestResults(aggregatedResults), compileErrors };
  fs.writeFileSync(file, JSON.stringify(report));
}

module.exports = { writeReport };
