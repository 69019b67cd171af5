// The tests spawn the real CLI against copies of fixtures/repo, whose own tests belong to that fixture.
module.exports = require('@course/jest-preset').packageConfig(__dirname, {
  roots: ['<rootDir>/tests'],
  testPathIgnorePatterns: ['/node_modules/', '/\\.course/', '<rootDir>/fixtures/'],
  // Each test spawns the CLI, which spawns jest and tsc; on a busy 2-core machine that takes a while.
  testTimeout: 180_000,
});
