module.exports = require('@course/jest-preset').chapterConfig(__dirname, {
  // swagger-parser's dependency @apidevtools/json-schema-ref-parser ships only ES modules, which jest cannot
  // require on Node 20; let swc turn that package into CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?@apidevtools)'],
});
