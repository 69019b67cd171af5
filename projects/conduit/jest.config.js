module.exports = require('@course/jest-preset').packageConfig(__dirname, {
  roots: ['<rootDir>/tests'],
  // API tests against PostgreSQL and Redis: generous on a busy machine, still far below a hang.
  testTimeout: 30_000,
});
