module.exports = require('@course/jest-preset').packageConfig(__dirname, {
  // The engine's JS glue is an ES module; jest loads CommonJS, so swc converts it like our own sources.
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/@prisma\\+schema-engine-wasm@|@prisma/schema-engine-wasm/))',
  ],
  // Tests generate a client into scratch projects under .course/ and load it from there.
  modulePathIgnorePatterns: [],
  // Every test creates databases on the shared PostgreSQL server, and migrate dev replays migrations on shadow ones.
  testTimeout: 30_000,
});
