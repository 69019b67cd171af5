'use strict';
const path = require('node:path');

/** swc options shared by every package: TypeScript with the legacy decorators that tsoa needs. */
const swcOptions = {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

function baseConfig(rootDir) {
  return {
    rootDir,
    // Jest's node environment, which also prints what the server caught with a failing test (environment.js).
    testEnvironment: require.resolve('./environment.js'),
    transform: { '^.+\\.(t|j)sx?$': [require.resolve('@swc/jest'), swcOptions] },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    testMatch: ['**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/\\.course/'],
    modulePathIgnorePatterns: ['<rootDir>/\\.course/'],
    clearMocks: true,
  };
}

/** Jest config for a workspace package whose tests live beside its sources. */
function packageConfig(rootDir, overrides = {}) {
  return { ...baseConfig(rootDir), ...overrides };
}

/**
 * Where a chapter's tests point: COURSE_TARGET is `starter` (the default: the learner's code),
 * `solution`, or an absolute directory (the pristine starter or a mutant built by `course check`).
 */
function resolveTarget(rootDir, target = process.env.COURSE_TARGET || 'starter') {
  if (target === 'starter' || target === 'solution') return path.join(rootDir, target);
  if (path.isAbsolute(target)) return target;
  throw new Error(`COURSE_TARGET must be "starter", "solution" or an absolute path, not "${target}"`);
}

/** Jest config for a chapter: tests in tests/ import the code under test as `@target/...`. */
function chapterConfig(rootDir, overrides = {}) {
  const targetDir = resolveTarget(rootDir);
  return {
    ...baseConfig(rootDir),
    roots: ['<rootDir>/tests'],
    moduleNameMapper: { '^@target/(.*)$': `${targetDir}/$1` },
    ...overrides,
  };
}

module.exports = { swcOptions, packageConfig, chapterConfig, resolveTarget };
