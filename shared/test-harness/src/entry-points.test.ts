import fs from 'node:fs';
import path from 'node:path';

/** Every module specifier that `file` reaches through its relative imports, itself included. */
function importsReachedFrom(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return new Set();
  seen.add(file);
  const specifiers = new Set<string>();
  for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
    if (!specifier!.startsWith('.')) specifiers.add(specifier!);
    else
      for (const s of importsReachedFrom(path.join(path.dirname(file), `${specifier}.ts`), seen))
        specifiers.add(s);
  }
  return specifiers;
}

describe('entry points', () => {
  it('When a chapter without services imports the root entry, then neither pg nor ioredis is loaded', () => {
    const reached = [...importsReachedFrom(path.join(__dirname, 'index.ts'))];

    expect(reached.filter((s) => /^(pg|ioredis|@course\/db-migrate)$/.test(s))).toEqual([]);
  });

  it('When the postgres entry is imported, then Redis is not loaded, and the other way round', () => {
    expect([...importsReachedFrom(path.join(__dirname, 'postgres.ts'))]).not.toContain('ioredis');
    // The root of @course/db-migrate loads pg; its diagnostics entry does not.
    const fromRedis = [...importsReachedFrom(path.join(__dirname, 'redis.ts'))];
    expect(fromRedis.filter((s) => /^(pg|@course\/db-migrate)$/.test(s))).toEqual([]);
  });
});
