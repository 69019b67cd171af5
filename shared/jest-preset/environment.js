'use strict';
const { TestEnvironment } = require('jest-environment-node');

/** Where `recordServerOutput()` of @course/test-harness keeps what the server caught and logged (server-output.ts). */
const SERVER_OUTPUT_KEY = '__courseServerOutput__';

/**
 * Jest's node environment, plus one thing: when a test fails, what the server under test caught and logged during
 * that test is added to its failure. A server answers a stub's "Exercise N.M is not done yet" with a 500, so the test
 * alone would only say "Expected 201, Received 500". A passing test's output is dropped.
 */
class CourseEnvironment extends TestEnvironment {
  handleTestEvent(event) {
    if (event.name !== 'test_done') return;
    const output = this.global[SERVER_OUTPUT_KEY];
    if (!output) return;
    if (event.test.errors.length === 0) {
      output.clear();
      return;
    }
    const taken = output.take();
    if (!taken) return;
    // The stack is the first error's own frames, so the failure's code frame shows the line that threw it.
    const error = new Error(taken.text);
    error.stack = taken.frames ? `${taken.text}\n${taken.frames}` : taken.text;
    // The exercise's own "not done yet" error is the cause, so it comes before the assertion that it broke.
    if (taken.notDone) event.test.errors.unshift(error);
    else event.test.errors.push(error);
  }
}

module.exports = CourseEnvironment;
