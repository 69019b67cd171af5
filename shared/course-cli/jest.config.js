// The tests spawn the real CLI against copies of fixtures/repo, whose own tests belong to that fixture.
module.exports = require('@course/jest-preset').packageConfig(__dirname, {
  roots: ['<rootDir>/tests'],
  testPathIgnorePatterns: ['/node_modules/', '/\\.course/', '<rootDir>/fixtures/'],
  testTimeout: 30_000,
});
