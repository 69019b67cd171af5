module.exports = require('@course/jest-preset').chapterConfig(__dirname, {
  // The fault tests start worker processes and Redis servers; on a busy machine that takes seconds.
  testTimeout: 30_000,
});
